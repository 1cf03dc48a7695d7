using Mesos.Hosting.Scheduler;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Scheduler;

public sealed class SubscribeCallTests
{
    private static readonly MesosSchedulerOptions Options = new() { Master = "http://127.0.0.1:5050", Framework = { Name = "fw" } };

    [Fact]
    public void A_stored_id_is_resubscribed_with_in_the_call_and_the_framework_info()
    {
        var call = SubscribeCall.Build(Options, new FrameworkID { Value = "fw-1" });

        Assert.Equal("fw-1", call.FrameworkId.Value);
        Assert.Equal("fw-1", call.Subscribe.FrameworkInfo.Id.Value);
    }

    [Fact]
    public void An_empty_stored_id_subscribes_as_a_new_framework_as_Mesos_takes_it()
    {
        var call = SubscribeCall.Build(Options, new FrameworkID());

        Assert.Null(call.FrameworkId);
        Assert.Null(call.Subscribe.FrameworkInfo.Id);
    }
}
