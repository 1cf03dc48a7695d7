using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>An agent that fails an UPDATE call while the executor's subscription stays up.</summary>
public sealed class UndeliveredUpdateTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    // 503 as a busy agent answers; 403 as an agent answers that restarted and counts the executor as not yet subscribed again.
    [Theory]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    [InlineData(StatusCodes.Status403Forbidden)]
    public async Task An_update_the_agent_failed_is_sent_again_on_the_same_subscription_before_its_tasks_later_update(int status)
    {
        await using var agent = await FailingFirstUpdateAsync(context =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("not now");
        });
        await using var executor = await SubscribedExecutorAsync(agent);

        await executor.Driver.SendStatusUpdateAsync(Status(TaskState.TaskRunning));
        await executor.Driver.SendStatusUpdateAsync(Status(TaskState.TaskFinished));

        var sent = await UpdatesAsync(agent, 3, "the failed RUNNING sent again, then FINISHED");
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskRunning, TaskState.TaskFinished], sent.Select(s => s.State));
        Assert.Equal(sent[0].Uuid, sent[1].Uuid);
        Assert.Equal(1, agent.Subscribes.Count);
        await executor.Logs.WaitForAsync("The update of task t did not reach the agent; it is kept and sent again, and the task's later updates wait behind it", Generous);
    }

    [Fact]
    public async Task A_later_update_sent_while_the_tasks_first_is_on_its_way_goes_after_it_even_when_that_one_fails()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await FailingFirstUpdateAsync(async context =>
        {
            await release.Task.WaitAsync(Generous, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        });
        await using var executor = await SubscribedExecutorAsync(agent);

        var running = executor.Driver.SendStatusUpdateAsync(Status(TaskState.TaskRunning));
        await agent.Calls.WaitAsync(calls => calls.Any(c => c.Type == Call.Types.Type.Update), Generous, "RUNNING on its way");
        await executor.Driver.SendStatusUpdateAsync(Status(TaskState.TaskFinished));
        release.SetResult();
        await running;

        var sent = await UpdatesAsync(agent, 3, "RUNNING sent again, then FINISHED");
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskRunning, TaskState.TaskFinished], sent.Select(s => s.State));
    }

    // An agent that keeps the executor's stream open, answers its first UPDATE with failFirst, and accepts every other call.
    private static Task<HostileAgent> FailingFirstUpdateAsync(Func<HttpContext, Task> failFirst)
    {
        var updates = 0;
        return HostileAgent.StartAsync(
            async (context, _) =>
            {
                await HostileAgent.SubscribedAsync(context);
                await HostileServer.HoldAsync(context);
            },
            (context, call) => call.Type == Call.Types.Type.Update && Interlocked.Increment(ref updates) == 1 ? failFirst(context) : HostileMaster.Accepted(context));
    }

    private static async Task<ExecutorUnderTest> SubscribedExecutorAsync(HostileAgent agent)
    {
        var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);
        try
        {
            await executor.Logs.WaitForAsync("Subscribed to the Mesos agent", Generous);
            return executor;
        }
        catch
        {
            await executor.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<TaskStatus>> UpdatesAsync(HostileAgent agent, int count, string what)
    {
        await agent.Calls.WaitAsync(calls => calls.Count(c => c.Type == Call.Types.Type.Update) >= count, Generous, what);
        return agent.Calls.Snapshot().Where(c => c.Type == Call.Types.Type.Update).Select(c => c.Update.Status).ToList();
    }

    private static TaskStatus Status(TaskState state) => new() { TaskId = new TaskID { Value = "t" }, State = state };
}
