using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Reservations: both formats, refinement stacks, and what they do to combining and filtering.</summary>
public sealed class ReservationTests
{
#pragma warning disable CS0612 // The deprecated fields are the input under test.
    [Fact]
    public void The_pre_refinement_role_reads_as_a_static_reservation()
    {
        var old = R.Cpus(2);
        old.Role = "web";

        var set = ResourceSet.Of(old);

        var reservation = Assert.Single(set.Single().Reservations);
        Assert.Equal(Resource.Types.ReservationInfo.Types.Type.Static, reservation.Type);
        Assert.Equal("web", reservation.Role);
        Assert.False(set.Single().HasRole);
        Assert.True(old.IsStaticallyReserved());
        Assert.Equal(set, ResourceSet.Of(R.Cpus(2, "web")));
    }

    [Fact]
    public void The_pre_refinement_role_and_reservation_read_as_a_dynamic_reservation_with_its_principal()
    {
        var old = R.Cpus(2);
        old.Role = "web";
        old.Reservation = new Resource.Types.ReservationInfo { Principal = "ops" };

        var reservation = ResourceSet.Of(old).Single().Reservations.Single();

        Assert.Equal(Resource.Types.ReservationInfo.Types.Type.Dynamic, reservation.Type);
        Assert.Equal(("web", "ops"), (reservation.Role, reservation.Principal));
        Assert.True(old.IsDynamicallyReserved());
    }

    [Fact]
    public void The_star_role_is_unreserved_and_cannot_be_dynamically_reserved()
    {
        var star = R.Cpus(1);
        star.Role = "*";
        Assert.True(ResourceSet.Of(star).Single().IsUnreserved());

        star.Reservation = new Resource.Types.ReservationInfo { Principal = "ops" };
        Assert.Contains("role \"*\" cannot be dynamically reserved", ResourceValidation.Validate(star));
    }
#pragma warning restore CS0612

    [Fact]
    public void A_reservation_refined_to_a_subrole_is_reserved_to_the_subrole()
    {
        var refined = ResourceSet.Of(R.Cpus(4, "eng")).PushReservation(new Resource.Types.ReservationInfo
        {
            Type = Resource.Types.ReservationInfo.Types.Type.Dynamic,
            Role = "eng/web",
            Principal = "ops",
        });

        var cpus = refined.Single();
        Assert.Equal("eng/web", cpus.ReservationRole());
        Assert.True(cpus.HasRefinedReservations());
        Assert.True(cpus.IsDynamicallyReserved());
        Assert.Equal(4, refined.Reserved("eng/web").Cpus);
        Assert.Empty(refined.Reserved("eng"));
        Assert.Equal(4, refined.ReservedToRoleSubtree("eng").Cpus);
        Assert.Equal(ResourceSet.Of(R.Cpus(4, "eng")), refined.PopReservation());
        Assert.Equal(ResourceSet.Of(R.Cpus(4)), refined.PopReservation().PopReservation());
    }

    [Fact]
    public void A_refinement_must_go_to_a_strict_subrole_and_be_dynamic()
    {
        var reserved = ResourceSet.Of(R.Cpus(4, "eng"));

        var sideways = Assert.Throws<ArgumentException>(() => reserved.PushReservation(new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Dynamic, Role = "ops" }));
        Assert.Contains("role 'ops' is not a refinement of 'eng'", sideways.Message);
        Assert.Contains("cpus(reservations: [(STATIC,eng),(DYNAMIC,ops)]):4", sideways.Message);

        var staticRefinement = Assert.Throws<ArgumentException>(() => reserved.PushReservation(new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Static, Role = "eng/web" }));
        Assert.Contains("a refined reservation must be DYNAMIC", staticRefinement.Message);
    }

    [Fact]
    public void Different_reservation_stacks_do_not_combine_and_equal_ones_do()
    {
        var set = ResourceSet.Of(R.Cpus(1), R.Cpus(1, "eng"), R.Cpus(1, "eng", "eng/web"), R.Cpus(1, "eng"), R.Dynamic(R.Cpus(1), "eng", "ops"));

        Assert.Equal(4, set.Count);
        Assert.Equal(3, set.Reserved("eng").Cpus);
        Assert.Equal(5, set.Cpus);
    }

    [Fact]
    public void Dynamic_reservations_combine_only_with_the_same_principal_and_labels_in_any_order()
    {
        static Resource Labelled(string principal, params (string Key, string Value)[] labels)
        {
            var cpus = R.Dynamic(R.Cpus(1), "eng", principal);
            cpus.Reservations[0].Labels = new Labels();
            cpus.Reservations[0].Labels.Labels_.Add(labels.Select(l => new Label { Key = l.Key, Value = l.Value }));
            return cpus;
        }

        var set = ResourceSet.Of(
            Labelled("ops", ("team", "a"), ("tier", "1")),
            Labelled("ops", ("tier", "1"), ("team", "a")),
            Labelled("ops", ("team", "b")),
            Labelled("dev", ("team", "a"), ("tier", "1")));

        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.Single(r => r.Reservations[0].Principal == "ops" && r.Reservations[0].Labels.Labels_.Count == 2).Scalar.Value);
        Assert.Contains("(DYNAMIC,eng,ops,{team: a, tier: 1})", set.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Allocatable_to_a_role_means_unreserved_or_reserved_to_it_or_an_ancestor()
    {
        var set = ResourceSet.Of(R.Cpus(1), R.Cpus(2, "eng"), R.Cpus(4, "eng", "eng/web"), R.Cpus(8, "ops"));

        Assert.Equal(7, set.AllocatableTo("eng/web").Cpus);
        Assert.Equal(3, set.AllocatableTo("eng").Cpus);
        Assert.Equal(1, set.Unreserved().Cpus);
        Assert.Equal(14, set.Reserved().Cpus);
    }

    [Fact]
    public void Flatten_puts_everything_under_one_reservation_and_keeps_the_totals()
    {
        var set = ResourceSet.Of(R.Cpus(1), R.Cpus(2, "eng"), R.Ports((1, 5)), R.Reserve(R.Ports((6, 9)), "ops"));

        var flat = set.Flatten("web");

        Assert.Equal(2, flat.Count);
        Assert.All(flat, r => Assert.Equal("web", r.ReservationRole()));
        Assert.All(flat, r => Assert.True(r.IsStaticallyReserved()));
        Assert.Equal(3, flat.Cpus);
        Assert.Equal(set.Ports, flat.Ports);
        Assert.Equal(set.ToUnreserved(), set.Flatten());
        var dynamic = set.Flatten("web", new Resource.Types.ReservationInfo { Principal = "ops" }).First();
        Assert.True(dynamic.IsDynamicallyReserved());
        Assert.Equal("ops", dynamic.Reservations[0].Principal);
    }

    [Fact]
    public void Allocation_info_keeps_resources_apart_and_can_be_set_and_cleared()
    {
        var set = ResourceSet.Of(R.Allocated(R.Cpus(1), "web"), R.Allocated(R.Cpus(1), "batch"), R.Cpus(1));

        Assert.Equal(3, set.Count);
        Assert.Equal(1, set.AllocatedTo("web").Cpus);
        var allocated = set.AllocateTo("web");
        Assert.Single(allocated);
        Assert.Equal(3, allocated.AllocatedTo("web").Cpus);
        Assert.Null(Assert.Single(allocated.Unallocate()).AllocationInfo);
    }

    [Fact]
    public void Role_names_follow_mesos_rules()
    {
        Assert.Null(MesosRoles.Validate("*"));
        Assert.Null(MesosRoles.Validate("eng/web-1"));
        Assert.NotNull(MesosRoles.Validate("eng//web"));
        Assert.NotNull(MesosRoles.Validate("/eng"));
        Assert.NotNull(MesosRoles.Validate("eng/.."));
        Assert.NotNull(MesosRoles.Validate("eng/*"));
        Assert.NotNull(MesosRoles.Validate("-eng"));
        Assert.NotNull(MesosRoles.Validate("en g"));
        Assert.True(MesosRoles.IsStrictSubroleOf("eng/web", "eng"));
        Assert.False(MesosRoles.IsStrictSubroleOf("engine", "eng"));
        Assert.False(MesosRoles.IsStrictSubroleOf("eng", "eng"));
    }
}
