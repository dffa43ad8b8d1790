using System;
using System.Runtime.CompilerServices;
using Lvbs.Native;

namespace Lvbs.Benchmarks;

/// <summary>
/// Installs the hosted accelerated engines (the SHA-NI SHA-256 the image also uses) as soon as
/// this assembly loads — in the BenchmarkDotNet host and in each benchmark process it starts —
/// so every kernel row runs the way the image does on this CPU, and says which engine that is.
/// </summary>
internal static class HostedAccelerationSetup
{
#pragma warning disable CA2255 // A module initializer is the one place every benchmark process passes through.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        HostedAcceleration.Install();
        Console.WriteLine("// kernel SHA-256 engine: " + HostedAcceleration.Sha256Description);
    }
}
