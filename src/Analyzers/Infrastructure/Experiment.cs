namespace DistAnalyzers.Infrastructure
{
    internal static class Experiment
    {
        public static bool On;
    }
}
