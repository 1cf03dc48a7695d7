using System.Diagnostics;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Launch = Mesos.V1.Offer.Types.Operation.Types.Launch;
using LaunchGroup = Mesos.V1.Offer.Types.Operation.Types.LaunchGroup;
using OperationType = Mesos.V1.Offer.Types.Operation.Types.Type;

namespace Mesos.Hosting.Tests.Diagnostics;

/// <summary>The W3C trace context an ACCEPT carries into the tasks it launches, and what an executor reads back.</summary>
public sealed class TaskTraceContextTests
{
    private static readonly ActivityContext Context = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=value");

    [Fact]
    public void Launched_tasks_get_copies_with_the_labels_and_a_command_task_the_variables_the_callers_task_unchanged()
    {
        var command = new TaskInfo { TaskId = new TaskID { Value = "command" }, Command = new CommandInfo { Value = "true" } };
        var custom = new TaskInfo { TaskId = new TaskID { Value = "custom" }, Executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "e" }, Command = new CommandInfo { Value = "run" } } };
        var accept = new Call.Types.Accept();
        accept.Operations.Add(new Offer.Types.Operation { Type = OperationType.Launch, Launch = new Launch { TaskInfos = { command, custom } } });

        TaskTraceContext.Inject(accept, Context);

        var sent = accept.Operations[0].Launch.TaskInfos;
        var parent = TaskTraceContext.Format(Context);
        Assert.Equal([("traceparent", parent), ("tracestate", "vendor=value")], sent[0].Labels.Labels_.Select(l => (l.Key, l.Value)));
        Assert.Equal([("TRACEPARENT", parent), ("TRACESTATE", "vendor=value")], sent[0].Command.Environment.Variables.Select(v => (v.Name, v.Value)));
        Assert.Equal(parent, sent[1].Labels.Labels_.Single(l => l.Key == "traceparent").Value);
        Assert.Null(sent[1].Executor.Command.Environment);
        Assert.Null(command.Labels);
        Assert.Null(custom.Labels);
        Assert.Equal(Context.SpanId, TaskTraceContext.Extract(sent[1]).SpanId);
        Assert.Equal(Context.TraceId, TaskTraceContext.Extract(sent[1]).TraceId);
    }

    [Fact]
    public void Values_the_application_set_are_kept()
    {
        const string Own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var task = new TaskInfo { TaskId = new TaskID { Value = "t" }, Labels = new Labels { Labels_ = { new Label { Key = "traceparent", Value = Own } } }, Command = new CommandInfo { Value = "true" } };
        task.Command.Environment = new V1.Environment { Variables = { new V1.Environment.Types.Variable { Name = "TRACEPARENT", Value = Own } } };
        var accept = new Call.Types.Accept();
        accept.Operations.Add(new Offer.Types.Operation { Type = OperationType.LaunchGroup, LaunchGroup = new LaunchGroup { TaskGroup = new TaskGroupInfo { Tasks = { task } } } });

        TaskTraceContext.Inject(accept, Context);

        var sent = accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0];
        Assert.Equal(Own, sent.Labels.Labels_.Single().Value);
        Assert.Equal(Own, sent.Command.Environment.Variables.Single().Value);
        Assert.Equal("b7ad6b7169203331", TaskTraceContext.Extract(sent).SpanId.ToHexString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    public void A_task_without_a_valid_traceparent_has_no_context(string? traceparent)
    {
        var task = new TaskInfo { TaskId = new TaskID { Value = "t" } };
        if (traceparent is not null)
        {
            task.Labels = new Labels { Labels_ = { new Label { Key = "traceparent", Value = traceparent } } };
        }

        Assert.Equal(default, TaskTraceContext.Extract(task));
    }

    [Fact]
    public void Without_a_context_nothing_is_added()
    {
        var task = new TaskInfo { TaskId = new TaskID { Value = "t" } };
        var accept = new Call.Types.Accept();
        accept.Operations.Add(new Offer.Types.Operation { Type = OperationType.Launch, Launch = new Launch { TaskInfos = { task } } });

        TaskTraceContext.Inject(accept, default);

        Assert.Same(task, accept.Operations[0].Launch.TaskInfos[0]);
        Assert.Null(task.Labels);
    }
}
