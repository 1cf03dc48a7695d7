using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace MonteCarloPi;

/// <summary>One task's share of the job: how many points to throw, and the seed to throw them with.</summary>
public sealed record PiChunk(int Index, long Samples, int Seed)
{
    public ByteString ToData() => ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"{Index} {Samples} {Seed}"));

    public static PiChunk FromData(ByteString data)
    {
        var parts = data.ToStringUtf8().Split(' ');
        if (parts.Length != 3)
        {
            throw new FormatException($"A π task's data is 'index samples seed'; this one is '{data.ToStringUtf8()}'.");
        }

        return new PiChunk(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The result a finished task carries back: the points that fell inside the quarter circle.</summary>
    public static ByteString HitsToData(long hits) => ByteString.CopyFrom(Encoding.ASCII.GetBytes(hits.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The hits a finished task's update carries; false when it carries none (or not a number).</summary>
    public static bool TryHitsFromData(ByteString data, out long hits)
        => long.TryParse(data.ToStringUtf8(), NumberStyles.None, CultureInfo.InvariantCulture, out hits);
}
