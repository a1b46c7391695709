using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;

namespace DistAnalyzers.Robustness
{
    /// <summary>
    /// With <c>DIST_ROBUSTNESS_CPU_LOG=&lt;file&gt;</c>, appends the test process's CPU time when it exits: the suite's
    /// cost measured independently of whatever else loads the machine.
    /// </summary>
    internal static class CpuLog
    {
        [ModuleInitializer]
        internal static void Register()
        {
            var file = Environment.GetEnvironmentVariable("DIST_ROBUSTNESS_CPU_LOG");
            if (!string.IsNullOrEmpty(file))
            {
                var wall = Stopwatch.StartNew();
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    File.AppendAllText(file, $"robustness process: CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s, wall {wall.Elapsed.TotalSeconds:F1} s\n");
            }
        }
    }
}
