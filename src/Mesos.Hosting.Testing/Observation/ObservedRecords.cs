using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Observation;

/// <summary>A scheduler call a master received, with the status code it answered.</summary>
/// <param name="FrameworkId">The call's framework ID, if it carried one.</param>
/// <param name="Call">The decoded call.</param>
/// <param name="StatusCode">The HTTP status the master answered with.</param>
/// <param name="At">When the master answered.</param>
public sealed record ObservedSchedulerCall(string? FrameworkId, Mesos.V1.Scheduler.Call Call, int StatusCode, DateTimeOffset At);

/// <summary>An event a master queued on a framework's subscription stream.</summary>
/// <param name="FrameworkId">The framework the event went to.</param>
/// <param name="Event">The event.</param>
/// <param name="At">When it was queued.</param>
public sealed record ObservedSchedulerEvent(string FrameworkId, Mesos.V1.Scheduler.Event Event, DateTimeOffset At);

/// <summary>An executor call an agent received, with the status code it answered.</summary>
/// <param name="AgentId">The agent that received it.</param>
/// <param name="Call">The decoded call.</param>
/// <param name="StatusCode">The HTTP status the agent answered with.</param>
/// <param name="At">When the agent answered.</param>
public sealed record ObservedExecutorCall(string AgentId, Mesos.V1.Executor.Call Call, int StatusCode, DateTimeOffset At);

/// <summary>An event an agent queued on an executor's subscription stream.</summary>
/// <param name="AgentId">The agent that sent it.</param>
/// <param name="ExecutorId">The executor it went to.</param>
/// <param name="Event">The event.</param>
/// <param name="At">When it was queued.</param>
public sealed record ObservedExecutorEvent(string AgentId, string ExecutorId, Mesos.V1.Executor.Event Event, DateTimeOffset At);

/// <summary>An executor process an agent started (a custom executor's, not a command task's).</summary>
/// <param name="AgentId">The agent that started it.</param>
/// <param name="ExecutorId">The executor.</param>
/// <param name="ProcessId">Its process.</param>
/// <param name="At">When the agent started it: the moment the executor's start-up begins, measured on the journal's clock.</param>
public sealed record ObservedExecutorLaunch(string AgentId, string ExecutorId, int ProcessId, DateTimeOffset At);

/// <summary>A scheduler's acknowledgement of a status update, as the agent applied it.</summary>
/// <param name="FrameworkId">The acknowledging framework.</param>
/// <param name="TaskId">The task whose update was acknowledged.</param>
/// <param name="Uuid">The uuid of the acknowledged update.</param>
/// <param name="State">The state the acknowledged update carried.</param>
/// <param name="At">When the agent applied it.</param>
public sealed record ObservedAcknowledgement(string FrameworkId, string TaskId, ByteString Uuid, TaskState State, DateTimeOffset At);

/// <summary>A framework's subscription opening (SUBSCRIBED) or its stream closing, as the master saw it.</summary>
/// <param name="FrameworkId">The framework.</param>
/// <param name="Connected">True when the stream opened, false when the master saw it end.</param>
/// <param name="At">When.</param>
public sealed record ObservedSubscription(string FrameworkId, bool Connected, DateTimeOffset At);

/// <summary>A scheduler call a fault holds back before the master handles it (<see cref="LocalMesosCluster.DelaySchedulerCalls"/>).</summary>
/// <param name="Call">The decoded call.</param>
/// <param name="Delay">How long it is held.</param>
/// <param name="At">When the hold began.</param>
public sealed record ObservedHeldCall(Mesos.V1.Scheduler.Call Call, TimeSpan Delay, DateTimeOffset At);
