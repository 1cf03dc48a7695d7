using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>What a task (or an executor) takes from an offer, in Mesos's thousandths so comparisons are exact.</summary>
internal readonly record struct Demand(long Cpus, long Mem, long Disk, long Gpus, int Ports)
{
    public const int Scalars = 4;

    public static readonly string[] ScalarNames = [MesosResources.Cpus, MesosResources.Mem, MesosResources.Disk, MesosResources.Gpus];

    public static Demand Of(TaskRequest request)
        => new(FixedPoint.ToFixed(request.Cpus), FixedPoint.ToFixed(request.Mem), FixedPoint.ToFixed(request.Disk), FixedPoint.ToFixed(request.Gpus), request.Ports);

    /// <summary>The scalars an executor's resources ask for (its overhead).</summary>
    public static Demand Of(ExecutorInfo executor)
    {
        var amounts = new long[Scalars];
        foreach (var resource in executor.Resources)
        {
            var dimension = Array.IndexOf(ScalarNames, resource.Name);
            if (dimension >= 0 && resource.Type == Value.Types.Type.Scalar && resource.Scalar is not null)
            {
                amounts[dimension] += FixedPoint.ToFixed(resource.Scalar.Value);
            }
        }

        return new Demand(amounts[0], amounts[1], amounts[2], amounts[3], 0);
    }

    public long Scalar(int dimension) => dimension switch
    {
        0 => Cpus,
        1 => Mem,
        2 => Disk,
        _ => Gpus,
    };

    public Demand Plus(Demand other) => new(Cpus + other.Cpus, Mem + other.Mem, Disk + other.Disk, Gpus + other.Gpus, Ports + other.Ports);
}
