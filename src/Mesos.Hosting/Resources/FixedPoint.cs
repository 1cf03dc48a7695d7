namespace Mesos.Hosting.Resources;

/// <summary>
/// Mesos's scalar arithmetic: values are kept to three decimal digits, so that 0.1 + 0.2 cpus is 0.3
/// and a framework sees the same numbers the master computes.
/// </summary>
internal static class FixedPoint
{
    private const double Scale = 1000;

    /// <summary>The value in thousandths, rounded half away from zero as C's <c>llround</c> does.</summary>
    public static long ToFixed(double value) => (long)Math.Round(value * Scale, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Back to a double through an integer division and a remainder in [0, 999], so the fraction is the
    /// closest double to a whole number of thousandths (300 becomes exactly 0.3).
    /// </summary>
    public static double ToDouble(long thousandths) => (thousandths / 1000) + ((thousandths % 1000) / Scale);

    /// <summary>The value as Mesos stores it: rounded to three decimals.</summary>
    public static double Round(double value) => ToDouble(ToFixed(value));

    public static double Add(double left, double right) => ToDouble(ToFixed(left) + ToFixed(right));

    public static double Subtract(double left, double right) => ToDouble(ToFixed(left) - ToFixed(right));

    public static bool AreEqual(double left, double right) => ToFixed(left) == ToFixed(right);

    public static bool LessOrEqual(double left, double right) => ToFixed(left) <= ToFixed(right);
}
