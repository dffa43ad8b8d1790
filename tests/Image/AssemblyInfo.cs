using NUnit.Framework;

// Boots are CPU-bound under TCG: run two at a time on the 2-core CI machine.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
