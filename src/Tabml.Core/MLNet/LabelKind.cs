namespace Tabml.MLNet;

/// <summary>The ML.NET type of the label column, which decides the output columns and their types.</summary>
public enum LabelKind
{
    /// <summary>Boolean: binary outputs as ML.NET's binary trainers give them (Score, Probability, PredictedLabel).</summary>
    Boolean,

    /// <summary>Text: classification; Score is the vector of class probabilities, PredictedLabel the class text.</summary>
    Text,

    /// <summary>Key (after MapValueToKey): classification; Score is the probability vector, PredictedLabel a key of the same type.</summary>
    Key,

    /// <summary>Single or Double: regression (Score), unless the task is set to classification.</summary>
    Number,
}
