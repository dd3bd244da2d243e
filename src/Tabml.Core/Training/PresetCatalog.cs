using System.Text.Json;
using Tabml.Errors;
using Tabml.Settings;

namespace Tabml.Training;

/// <summary>The presets `train --preset` and `bench` know: paper, default and best (configs/presets/*.json).</summary>
public static class PresetCatalog
{
    public const string Paper = "paper";
    public const string Default = "default";
    public const string Best = "best";

    public static IReadOnlyList<string> Names { get; } = [Paper, Default, Best];

    public static TrainPreset Get(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (!Names.Contains(key))
        {
            throw TabmlException.Usage($"unknown preset '{name}'; choose from {string.Join(", ", Names)}");
        }

        using var stream = typeof(PresetCatalog).Assembly.GetManifestResourceStream($"presets/{key}.json")
            ?? throw new InvalidOperationException($"no embedded preset 'presets/{key}.json'");
        var preset = JsonSerializer.Deserialize<TrainPreset>(stream, DefaultsCatalog.JsonOptions)
            ?? throw new InvalidOperationException($"presets/{key}.json is empty");
        return preset.Name == key ? preset : throw new InvalidOperationException($"presets/{key}.json names itself '{preset.Name}'");
    }
}
