using Google.Protobuf;
using Mesos.Hosting.Placement;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>A <see cref="TaskRequest"/> as stored: its Mesos messages as protobuf bytes, its constraints as text.</summary>
internal sealed class TaskSpecData
{
    public string? Name { get; set; }

    public double Cpus { get; set; }

    public double Mem { get; set; }

    public double Disk { get; set; }

    public double Gpus { get; set; }

    public int Ports { get; set; }

    public string? Role { get; set; }

    public bool ReservedOnly { get; set; }

    public List<string> Constraints { get; set; } = [];

    public Fitness Fitness { get; set; }

    public byte[]? Task { get; set; }

    public byte[]? Executor { get; set; }

    public static TaskSpecData From(TaskRequest request) => new()
    {
        Name = request.Name,
        Cpus = request.Cpus,
        Mem = request.Mem,
        Disk = request.Disk,
        Gpus = request.Gpus,
        Ports = request.Ports,
        Role = request.Role,
        ReservedOnly = request.ReservedOnly,
        Constraints = request.Constraints.Select(c => c.ToString()).ToList(),
        Fitness = request.Fitness,
        Task = request.Task?.ToByteArray(),
        Executor = request.Executor?.ToByteArray(),
    };

    /// <summary>The request, with the attempt's task ID and the work's group.</summary>
    public TaskRequest ToRequest(string id, string group) => new()
    {
        Id = id,
        Group = group,
        Name = Name,
        Cpus = Cpus,
        Mem = Mem,
        Disk = Disk,
        Gpus = Gpus,
        Ports = Ports,
        Role = Role,
        ReservedOnly = ReservedOnly,
        Constraints = Constraints.Select(PlacementConstraint.Parse).ToList(),
        Fitness = Fitness,
        Task = Task is null ? null : TaskInfo.Parser.ParseFrom(Task),
        Executor = Executor is null ? null : ExecutorInfo.Parser.ParseFrom(Executor),
    };
}
