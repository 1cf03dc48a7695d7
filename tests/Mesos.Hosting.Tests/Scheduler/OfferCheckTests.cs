using System.Globalization;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Tests.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Scheduler;

/// <summary>Offers whose resources cannot be are found before the scheduler sees them, whichever resource is wrong.</summary>
public sealed class OfferCheckTests
{
    [Fact]
    public void An_offer_of_sound_resources_has_no_problem()
    {
        Assert.Null(SchedulerEventCheck.OfferProblem(Offer(R.Scalar("cpus", 2), R.Ports((31000, 31010), (32000, 32000)))));
    }

    [Fact]
    public void A_negative_or_non_finite_scalar_is_named_with_its_resource()
    {
        Assert.Equal("offer o1 has mem = -1", SchedulerEventCheck.OfferProblem(Offer(R.Scalar("cpus", 1), R.Scalar("mem", -1))));
        Assert.Equal("offer o1 has disk = NaN", SchedulerEventCheck.OfferProblem(Offer(R.Scalar("disk", double.NaN))));
    }

    [Fact]
    public void A_bad_scalar_after_a_sound_range_is_found()
    {
        Assert.Equal("offer o1 has cpus = -0.5", SchedulerEventCheck.OfferProblem(Offer(R.Ports((31000, 31010)), R.Scalar("cpus", -0.5))));
    }

    // Mesos's words, whatever the host's culture: some write a minus as U+2212 and a decimal point as a comma.
    [Fact]
    public void The_figures_are_written_invariantly()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            Assert.Equal("offer o1 has mem = -1.5", SchedulerEventCheck.OfferProblem(Offer(R.Scalar("mem", -1.5))));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_range_that_ends_before_it_begins_is_named_even_after_sound_ones()
    {
        Assert.Equal("offer o1 has ports range [32010-32000]", SchedulerEventCheck.OfferProblem(Offer(R.Scalar("cpus", 1), R.UncheckedPorts((31000, 31010), (32010, 32000)))));
    }

    private static Offer Offer(params Resource[] resources) => new() { Id = new OfferID { Value = "o1" }, Resources = { resources } };
}
