namespace Tabml.Learners.LightGbm;

/// <summary>
/// The GBDT seed of the reference (method-spec §5.1): s = numpy.random.RandomState(seed).randint(0, 2**31 − 1),
/// i.e. the first MT19937 output of numpy's legacy seeding, masked to 31 bits, with numpy's rejection of
/// values above the range. Reproducing it keeps LightGBM's seeds equal to pytabkit's for the same seed.
/// </summary>
public static class ReferenceSeed
{
    public static int For(int seed)
    {
        var mt = new Mt19937((uint)seed);
        const uint range = (1u << 31) - 2; // randint's high − low − 1
        const uint mask = (1u << 31) - 1;
        uint value;
        do
        {
            value = mt.Next() & mask;
        }
        while (value > range);

        return (int)value;
    }

    /// <summary>The MT19937 generator with numpy's init_genrand seeding.</summary>
    internal sealed class Mt19937
    {
        private const int N = 624;
        private const int M = 397;
        private readonly uint[] _state = new uint[N];
        private int _position;

        public Mt19937(uint seed)
        {
            _state[0] = seed;
            for (var i = 1; i < N; i++)
            {
                _state[i] = (1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
            }

            _position = N;
        }

        public uint Next()
        {
            if (_position >= N)
            {
                Twist();
            }

            var y = _state[_position++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            return y;
        }

        private void Twist()
        {
            for (var i = 0; i < N; i++)
            {
                var y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7fffffffu);
                var next = _state[(i + M) % N] ^ (y >> 1);
                _state[i] = (y & 1) != 0 ? next ^ 0x9908b0dfu : next;
            }

            _position = 0;
        }
    }
}
