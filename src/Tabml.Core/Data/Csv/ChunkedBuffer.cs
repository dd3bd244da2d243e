namespace Tabml.Data.Csv;

/// <summary>
/// An append-only buffer in fixed 64K-element chunks: growing never copies, so a million-row column costs
/// its size plus one chunk, not the doubling peaks of a List.
/// </summary>
internal sealed class ChunkedBuffer<T>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<T[]> _chunks = [];
    private T[] _current = [];
    private int _inCurrent = ChunkSize;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_inCurrent == ChunkSize)
        {
            _current = new T[ChunkSize];
            _chunks.Add(_current);
            _inCurrent = 0;
        }

        _current[_inCurrent++] = value;
        Count++;
    }

    public T this[int index]
    {
        get => _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        set => _chunks[index >> ChunkBits][index & (ChunkSize - 1)] = value;
    }

    /// <summary>Copies the values into one array and releases the chunks.</summary>
    public T[] ToArrayAndClear()
    {
        var result = new T[Count];
        var offset = 0;
        foreach (var chunk in _chunks)
        {
            var take = Math.Min(ChunkSize, Count - offset);
            Array.Copy(chunk, 0, result, offset, take);
            offset += take;
        }

        _chunks.Clear();
        _current = [];
        _inCurrent = ChunkSize;
        Count = 0;
        return result;
    }
}
