using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Attribute = Mesos.V1.Attribute;
using TaskStatus = Mesos.V1.TaskStatus;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>One realistic, fully populated message for every Call and Event type of both APIs.</summary>
internal static class SampleMessages
{
    private const string MasterId = "6da1fbe3-641e-49be-a75a-86e26dd2a291";

    public static FrameworkID FrameworkId { get; } = MesosId.Of<FrameworkID>($"{MasterId}-0004");

    public static AgentID AgentId { get; } = MesosId.Of<AgentID>($"{MasterId}-S0");

    public static FrameworkInfo FrameworkInfo() => new()
    {
        User = "root",
        Name = "pi",
        Id = FrameworkId,
        FailoverTimeout = 604800,
        Checkpoint = true,
        Roles = { "analytics", "batch" },
        Principal = "pi-principal",
        Capabilities =
        {
            new FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.MultiRole },
            new FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.PartitionAware },
        },
        Labels = new Labels { Labels_ = { new Label { Key = "team", Value = "science" } } },
        OfferFilters =
        {
            ["batch"] = new OfferFilters
            {
                MinAllocatableResources = new OfferFilters.Types.MinAllocatableResources
                {
                    Quantities = { new OfferFilters.Types.ResourceQuantities { Quantities = { ["cpus"] = new Value.Types.Scalar { Value = 0.5 } } } },
                },
            },
        },
    };

    public static Resource Scalar(string name, double value, string role = "*") => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
    };

    public static Resource Ports(ulong begin, ulong end) => new()
    {
        Name = "ports",
        Type = Value.Types.Type.Ranges,
        Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = begin, End = end } } },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = "batch" },
    };

    public static Resource ReservedDisk() => new()
    {
        Name = "disk",
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = 1024 },
        Reservations =
        {
            new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Static, Role = "batch" },
            new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Dynamic, Role = "batch/pi", Principal = "pi-principal" },
        },
        Disk = new Resource.Types.DiskInfo
        {
            Persistence = new Resource.Types.DiskInfo.Types.Persistence { Id = "volume-1", Principal = "pi-principal" },
            Volume = new Volume { Mode = Volume.Types.Mode.Rw, ContainerPath = "data" },
        },
        Shared = new Resource.Types.SharedInfo(),
    };

    public static Offer Offer(int sequence) => new()
    {
        Id = MesosId.Of<OfferID>($"{MasterId}-O{sequence}"),
        FrameworkId = FrameworkId,
        AgentId = AgentId,
        Hostname = "agent-1.example",
        Url = new URL { Scheme = "http", Address = new Address { Hostname = "agent-1.example", Ip = "10.0.0.7", Port = 5051 }, Path = "/slave(1)" },
        Domain = new DomainInfo
        {
            FaultDomain = new DomainInfo.Types.FaultDomain
            {
                Region = new DomainInfo.Types.FaultDomain.Types.RegionInfo { Name = "eu-west" },
                Zone = new DomainInfo.Types.FaultDomain.Types.ZoneInfo { Name = "eu-west-1a" },
            },
        },
        Resources = { Scalar("cpus", 4, "batch"), Scalar("mem", 8192, "batch"), Ports(31000, 32000), ReservedDisk() },
        Attributes = { new Attribute { Name = "rack", Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = "r12" } } },
        ExecutorIds = { MesosId.Of<ExecutorID>("pi-executor") },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = "batch" },
    };

    public static ExecutorInfo Executor() => new()
    {
        Type = ExecutorInfo.Types.Type.Custom,
        ExecutorId = MesosId.Of<ExecutorID>("pi-executor"),
        FrameworkId = FrameworkId,
        Command = new CommandInfo
        {
            Shell = false,
            Value = "/opt/pi/pi",
            Arguments = { "pi", "--executor" },
            Uris = { new CommandInfo.Types.URI { Value = "http://artifacts/pi.tgz", Extract = true, Cache = true } },
            Environment = new Mesos.V1.Environment
            {
                Variables =
                {
                    new Mesos.V1.Environment.Types.Variable { Name = "DOTNET_gcServer", Value = "0" },
                    new Mesos.V1.Environment.Types.Variable
                    {
                        Name = "TOKEN",
                        Type = Mesos.V1.Environment.Types.Variable.Types.Type.Secret,
                        Secret = new Secret { Type = Secret.Types.Type.Reference, Reference = new Secret.Types.Reference { Name = "pi-token" } },
                    },
                },
            },
        },
        Container = new ContainerInfo
        {
            Type = ContainerInfo.Types.Type.Mesos,
            Mesos = new ContainerInfo.Types.MesosInfo { Image = new Image { Type = Image.Types.Type.Docker, Docker = new Image.Types.Docker { Name = "registry/pi:1.0" } } },
            NetworkInfos = { new NetworkInfo { Name = "overlay", PortMappings = { new NetworkInfo.Types.PortMapping { HostPort = 31001, ContainerPort = 8080, Protocol = "tcp" } } } },
            Volumes = { new Volume { Mode = Volume.Types.Mode.Ro, ContainerPath = "/etc/pi", HostPath = "/etc/pi" } },
        },
        Resources = { Scalar("cpus", 0.1, "batch"), Scalar("mem", 32, "batch") },
        ShutdownGracePeriod = new DurationInfo { Nanoseconds = 5_000_000_000 },
    };

    public static TaskInfo Task(string id) => new()
    {
        Name = id,
        TaskId = MesosId.Of<TaskID>(id),
        AgentId = AgentId,
        Resources = { Scalar("cpus", 1, "batch"), Scalar("mem", 128, "batch") },
        Executor = Executor(),
        Data = ByteString.CopyFromUtf8("samples=1000000"),
        HealthCheck = new HealthCheck { Type = HealthCheck.Types.Type.Http, Http = new HealthCheck.Types.HTTPCheckInfo { Port = 8080, Path = "/health" } },
        Check = new CheckInfo { Type = CheckInfo.Types.Type.Tcp, Tcp = new CheckInfo.Types.Tcp { Port = 8080 } },
        KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = 3_000_000_000 } },
        Limits = { ["cpus"] = new Value.Types.Scalar { Value = double.PositiveInfinity }, ["mem"] = new Value.Types.Scalar { Value = 256 } },
        Discovery = new DiscoveryInfo { Visibility = DiscoveryInfo.Types.Visibility.Cluster, Name = "pi", Ports = new Ports { Ports_ = { new Port { Number = 8080, Name = "http", Protocol = "tcp" } } } },
        MaxCompletionTime = new DurationInfo { Nanoseconds = 60_000_000_000 },
    };

    public static TaskStatus Status(string taskId, TaskState state, bool withUuid) => new()
    {
        TaskId = MesosId.Of<TaskID>(taskId),
        State = state,
        Message = "sampled 1000000 points",
        Source = TaskStatus.Types.Source.Executor,
        Reason = TaskStatus.Types.Reason.TaskCheckStatusUpdated,
        Data = ByteString.CopyFromUtf8("0.785398"),
        AgentId = AgentId,
        ExecutorId = MesosId.Of<ExecutorID>("pi-executor"),
        Timestamp = 1795843111.5,
        Uuid = withUuid ? MesosUuid.NewBytes() : ByteString.Empty,
        Healthy = true,
        CheckStatus = new CheckStatusInfo { Type = CheckInfo.Types.Type.Tcp, Tcp = new CheckStatusInfo.Types.Tcp { Succeeded = true } },
        ContainerStatus = new ContainerStatus { ContainerId = new ContainerID { Value = "c1", Parent = new ContainerID { Value = "c0" } }, ExecutorPid = 4242 },
    };

    public static OperationStatus OperationStatus() => new()
    {
        OperationId = MesosId.Of<OperationID>("reserve-1"),
        State = OperationState.OperationFinished,
        ConvertedResources = { ReservedDisk() },
        Uuid = new UUID { Value = MesosUuid.NewBytes() },
        AgentId = AgentId,
    };

    public static SchedulerCall SchedulerCall(SchedulerCall.Types.Type type)
    {
        var call = new SchedulerCall { Type = type, FrameworkId = FrameworkId };
        var filters = new Filters { RefuseSeconds = 60 };
        switch (type)
        {
            case V1.Scheduler.Call.Types.Type.Subscribe:
                call.Subscribe = new SchedulerCall.Types.Subscribe { FrameworkInfo = FrameworkInfo(), SuppressedRoles = { "analytics" }, OfferConstraints = OfferConstraints() };
                break;
            case V1.Scheduler.Call.Types.Type.Teardown:
            case V1.Scheduler.Call.Types.Type.Unknown:
                break;
            case V1.Scheduler.Call.Types.Type.Accept:
                call.Accept = new SchedulerCall.Types.Accept
                {
                    OfferIds = { Offer(3).Id, Offer(4).Id },
                    Operations =
                    {
                        new Offer.Types.Operation { Type = V1.Offer.Types.Operation.Types.Type.Reserve, Id = MesosId.Of<OperationID>("reserve-1"), Reserve = new Offer.Types.Operation.Types.Reserve { Resources = { ReservedDisk() } } },
                        new Offer.Types.Operation { Type = V1.Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch { TaskInfos = { Task("pi-1"), Task("pi-2") } } },
                        new Offer.Types.Operation
                        {
                            Type = V1.Offer.Types.Operation.Types.Type.LaunchGroup,
                            LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = Executor(), TaskGroup = new TaskGroupInfo { Tasks = { Task("pi-3"), Task("pi-4") } } },
                        },
                    },
                    Filters = filters,
                };
                break;
            case V1.Scheduler.Call.Types.Type.Decline:
                call.Decline = new SchedulerCall.Types.Decline { OfferIds = { Offer(5).Id }, Filters = filters };
                break;
            case V1.Scheduler.Call.Types.Type.AcceptInverseOffers:
                call.AcceptInverseOffers = new SchedulerCall.Types.AcceptInverseOffers { InverseOfferIds = { Offer(6).Id }, Filters = filters };
                break;
            case V1.Scheduler.Call.Types.Type.DeclineInverseOffers:
                call.DeclineInverseOffers = new SchedulerCall.Types.DeclineInverseOffers { InverseOfferIds = { Offer(7).Id }, Filters = filters };
                break;
            case V1.Scheduler.Call.Types.Type.Revive:
                call.Revive = new SchedulerCall.Types.Revive { Roles = { "batch" } };
                break;
            case V1.Scheduler.Call.Types.Type.Kill:
                call.Kill = new SchedulerCall.Types.Kill { TaskId = MesosId.Of<TaskID>("pi-1"), AgentId = AgentId, KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = 1 } } };
                break;
            case V1.Scheduler.Call.Types.Type.Shutdown:
                call.Shutdown = new SchedulerCall.Types.Shutdown { ExecutorId = MesosId.Of<ExecutorID>("pi-executor"), AgentId = AgentId };
                break;
            case V1.Scheduler.Call.Types.Type.Acknowledge:
                call.Acknowledge = new SchedulerCall.Types.Acknowledge { AgentId = AgentId, TaskId = MesosId.Of<TaskID>("pi-1"), Uuid = MesosUuid.NewBytes() };
                break;
            case V1.Scheduler.Call.Types.Type.AcknowledgeOperationStatus:
                call.AcknowledgeOperationStatus = new SchedulerCall.Types.AcknowledgeOperationStatus
                {
                    AgentId = AgentId,
                    ResourceProviderId = MesosId.Of<ResourceProviderID>("rp-1"),
                    Uuid = MesosUuid.NewBytes(),
                    OperationId = MesosId.Of<OperationID>("reserve-1"),
                };
                break;
            case V1.Scheduler.Call.Types.Type.Reconcile:
                call.Reconcile = new SchedulerCall.Types.Reconcile { Tasks = { new SchedulerCall.Types.Reconcile.Types.Task { TaskId = MesosId.Of<TaskID>("pi-1"), AgentId = AgentId } } };
                break;
            case V1.Scheduler.Call.Types.Type.ReconcileOperations:
                call.ReconcileOperations = new SchedulerCall.Types.ReconcileOperations
                {
                    Operations = { new SchedulerCall.Types.ReconcileOperations.Types.Operation { OperationId = MesosId.Of<OperationID>("reserve-1"), AgentId = AgentId } },
                };
                break;
            case V1.Scheduler.Call.Types.Type.Message:
                call.Message = new SchedulerCall.Types.Message { AgentId = AgentId, ExecutorId = MesosId.Of<ExecutorID>("pi-executor"), Data = ByteString.CopyFrom(0, 10, 255) };
                break;
            case V1.Scheduler.Call.Types.Type.Request:
                call.Request = new SchedulerCall.Types.Request { Requests = { new Request { AgentId = AgentId, Resources = { Scalar("cpus", 2) } } } };
                break;
            case V1.Scheduler.Call.Types.Type.Suppress:
                call.Suppress = new SchedulerCall.Types.Suppress { Roles = { "analytics" } };
                break;
            case V1.Scheduler.Call.Types.Type.UpdateFramework:
                call.UpdateFramework = new SchedulerCall.Types.UpdateFramework { FrameworkInfo = FrameworkInfo(), SuppressedRoles = { "batch" }, OfferConstraints = OfferConstraints() };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No sample for this call type: add one.");
        }

        return call;
    }

    public static SchedulerEvent SchedulerEvent(SchedulerEvent.Types.Type type)
    {
        var evt = new SchedulerEvent { Type = type };
        switch (type)
        {
            case V1.Scheduler.Event.Types.Type.Subscribed:
                evt.Subscribed = new SchedulerEvent.Types.Subscribed { FrameworkId = FrameworkId, HeartbeatIntervalSeconds = 15, MasterInfo = MasterInfo() };
                break;
            case V1.Scheduler.Event.Types.Type.Offers:
                evt.Offers = new SchedulerEvent.Types.Offers { Offers_ = { Offer(1), Offer(2) } };
                break;
            case V1.Scheduler.Event.Types.Type.InverseOffers:
                evt.InverseOffers = new SchedulerEvent.Types.InverseOffers
                {
                    InverseOffers_ =
                    {
                        new InverseOffer
                        {
                            Id = Offer(9).Id,
                            FrameworkId = FrameworkId,
                            AgentId = AgentId,
                            Unavailability = new Unavailability { Start = new TimeInfo { Nanoseconds = 1_795_843_111_000_000_000 }, Duration = new DurationInfo { Nanoseconds = 3_600_000_000_000 } },
                            Resources = { Scalar("cpus", 4) },
                        },
                    },
                };
                break;
            case V1.Scheduler.Event.Types.Type.Rescind:
                evt.Rescind = new SchedulerEvent.Types.Rescind { OfferId = Offer(1).Id };
                break;
            case V1.Scheduler.Event.Types.Type.RescindInverseOffer:
                evt.RescindInverseOffer = new SchedulerEvent.Types.RescindInverseOffer { InverseOfferId = Offer(9).Id };
                break;
            case V1.Scheduler.Event.Types.Type.Update:
                evt.Update = new SchedulerEvent.Types.Update { Status = Status("pi-1", TaskState.TaskRunning, withUuid: true) };
                break;
            case V1.Scheduler.Event.Types.Type.UpdateOperationStatus:
                evt.UpdateOperationStatus = new SchedulerEvent.Types.UpdateOperationStatus { Status = OperationStatus() };
                break;
            case V1.Scheduler.Event.Types.Type.Message:
                evt.Message = new SchedulerEvent.Types.Message { AgentId = AgentId, ExecutorId = MesosId.Of<ExecutorID>("pi-executor"), Data = ByteString.CopyFromUtf8("partial=0.7853") };
                break;
            case V1.Scheduler.Event.Types.Type.Failure:
                evt.Failure = new SchedulerEvent.Types.Failure { AgentId = AgentId, ExecutorId = MesosId.Of<ExecutorID>("pi-executor"), Status = -1 };
                break;
            case V1.Scheduler.Event.Types.Type.Error:
                evt.Error = new SchedulerEvent.Types.Error { Message = "Framework failed over" };
                break;
            case V1.Scheduler.Event.Types.Type.Heartbeat:
            case V1.Scheduler.Event.Types.Type.Unknown:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No sample for this event type: add one.");
        }

        return evt;
    }

    public static ExecutorCall ExecutorCall(ExecutorCall.Types.Type type)
    {
        var call = new ExecutorCall { Type = type, FrameworkId = FrameworkId, ExecutorId = MesosId.Of<ExecutorID>("pi-executor") };
        switch (type)
        {
            case V1.Executor.Call.Types.Type.Subscribe:
                call.Subscribe = new ExecutorCall.Types.Subscribe
                {
                    UnacknowledgedTasks = { Task("pi-1") },
                    UnacknowledgedUpdates = { new ExecutorCall.Types.Update { Status = Status("pi-1", TaskState.TaskRunning, withUuid: true) } },
                };
                break;
            case V1.Executor.Call.Types.Type.Update:
                call.Update = new ExecutorCall.Types.Update { Status = Status("pi-1", TaskState.TaskFinished, withUuid: true) };
                break;
            case V1.Executor.Call.Types.Type.Message:
                call.Message = new ExecutorCall.Types.Message { Data = ByteString.CopyFromUtf8("partial=0.7853") };
                break;
            case V1.Executor.Call.Types.Type.Heartbeat:
            case V1.Executor.Call.Types.Type.Unknown:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No sample for this call type: add one.");
        }

        return call;
    }

    public static ExecutorEvent ExecutorEvent(ExecutorEvent.Types.Type type)
    {
        var evt = new ExecutorEvent { Type = type };
        switch (type)
        {
            case V1.Executor.Event.Types.Type.Subscribed:
                evt.Subscribed = new ExecutorEvent.Types.Subscribed
                {
                    ExecutorInfo = Executor(),
                    FrameworkInfo = FrameworkInfo(),
                    AgentInfo = new AgentInfo
                    {
                        Hostname = "agent-1.example",
                        Port = 5051,
                        Id = AgentId,
                        Resources = { Scalar("cpus", 4), Ports(31000, 32000) },
                        Attributes = { new Attribute { Name = "zone", Type = Value.Types.Type.Set, Set = new Value.Types.Set { Item = { "a", "b" } } } },
                    },
                    ContainerId = new ContainerID { Value = "4f12463a-3679-4e33-9954-daf411c92c8b" },
                };
                break;
            case V1.Executor.Event.Types.Type.Launch:
                evt.Launch = new ExecutorEvent.Types.Launch { Task = Task("pi-1") };
                break;
            case V1.Executor.Event.Types.Type.LaunchGroup:
                evt.LaunchGroup = new ExecutorEvent.Types.LaunchGroup { TaskGroup = new TaskGroupInfo { Tasks = { Task("pi-3"), Task("pi-4") } } };
                break;
            case V1.Executor.Event.Types.Type.Kill:
                evt.Kill = new ExecutorEvent.Types.Kill { TaskId = MesosId.Of<TaskID>("pi-1"), KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = 2_000_000_000 } } };
                break;
            case V1.Executor.Event.Types.Type.Acknowledged:
                evt.Acknowledged = new ExecutorEvent.Types.Acknowledged { TaskId = MesosId.Of<TaskID>("pi-1"), Uuid = MesosUuid.NewBytes() };
                break;
            case V1.Executor.Event.Types.Type.Message:
                evt.Message = new ExecutorEvent.Types.Message { Data = ByteString.CopyFrom(1, 2, 3, 10, 13) };
                break;
            case V1.Executor.Event.Types.Type.Error:
                evt.Error = new ExecutorEvent.Types.Error { Message = "Executor is not subscribed" };
                break;
            case V1.Executor.Event.Types.Type.Shutdown:
            case V1.Executor.Event.Types.Type.Heartbeat:
            case V1.Executor.Event.Types.Type.Unknown:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No sample for this event type: add one.");
        }

        return evt;
    }

    private static MasterInfo MasterInfo() => new()
    {
        Id = MasterId,
        Ip = 16777343,
        Port = 5050,
        Pid = "master@127.0.0.1:5050",
        Hostname = "127.0.0.1",
        Version = "1.12.0",
        Address = new Address { Hostname = "127.0.0.1", Ip = "127.0.0.1", Port = 5050 },
        Capabilities = { new MasterInfo.Types.Capability { Type = V1.MasterInfo.Types.Capability.Types.Type.AgentUpdate } },
    };

    private static V1.Scheduler.OfferConstraints OfferConstraints() => new()
    {
        RoleConstraints =
        {
            ["batch"] = new V1.Scheduler.OfferConstraints.Types.RoleConstraints
            {
                Groups =
                {
                    new V1.Scheduler.OfferConstraints.Types.RoleConstraints.Types.Group
                    {
                        AttributeConstraints =
                        {
                            new V1.Scheduler.AttributeConstraint
                            {
                                Selector = new V1.Scheduler.AttributeConstraint.Types.Selector { AttributeName = "rack" },
                                Predicate = new V1.Scheduler.AttributeConstraint.Types.Predicate { TextMatches = new V1.Scheduler.AttributeConstraint.Types.Predicate.Types.TextMatches { Regex = "r1[0-9]" } },
                            },
                            new V1.Scheduler.AttributeConstraint
                            {
                                Selector = new V1.Scheduler.AttributeConstraint.Types.Selector { PseudoattributeType = V1.Scheduler.AttributeConstraint.Types.Selector.Types.PseudoattributeType.Zone },
                                Predicate = new V1.Scheduler.AttributeConstraint.Types.Predicate { Exists = new V1.Scheduler.AttributeConstraint.Types.Predicate.Types.Exists() },
                            },
                        },
                    },
                },
            },
        },
    };
}
