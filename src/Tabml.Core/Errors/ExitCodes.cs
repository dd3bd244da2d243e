namespace Tabml.Errors;

/// <summary>Process exit codes of the tabml command line, shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadData = 2;
    public const int BadModelFile = 3;
    public const int BenchmarkRegression = 4;
    public const int Internal = 70;
}
