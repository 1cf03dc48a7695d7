using System.Diagnostics;
using System.IO.MemoryMappedFiles;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// What this machine charges for the first touch of a page of fresh memory. A starting process touches thousands (its
/// image's data, the first megabytes of its heap), so a virtual machine whose hypervisor makes each of those faults dear
/// (a para-virtualised MMU, as Firecracker's PVM) starts every process slower, whatever runs in it: beside an executor's
/// own page faults, this says how much of its start is the machine's.
/// </summary>
internal static class PageFaultCost
{
    private const int Pages = 4096;
    private const int Rounds = 3;

    /// <summary>The median over a few fresh mappings of the time per page of writing one byte to each of their pages.</summary>
    public static TimeSpan Measure()
    {
        var pageSize = Environment.SystemPageSize;
        var rounds = new List<TimeSpan>();
        for (var round = 0; round < Rounds; round++)
        {
            // A new anonymous mapping: none of its pages is backed until it is written to.
            using var mapping = MemoryMappedFile.CreateNew(mapName: null, (long)Pages * pageSize);
            using var view = mapping.CreateViewAccessor();
            var start = Stopwatch.GetTimestamp();
            for (var page = 0; page < Pages; page++)
            {
                view.Write((long)page * pageSize, (byte)1);
            }

            rounds.Add(Stopwatch.GetElapsedTime(start) / Pages);
        }

        rounds.Sort();
        return rounds[Rounds / 2];
    }
}
