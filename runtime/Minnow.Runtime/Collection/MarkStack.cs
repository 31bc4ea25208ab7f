namespace Minnow.Runtime.Collection;

/// <summary>
/// The marker's work list of objects whose references are still to be scanned, so marking needs no
/// recursion. A first chunk is reserved when the heap starts; more chunks come from a page source
/// during a collection and go back when the stack shrinks. When no memory is left a push fails and
/// <see cref="Overflowed"/> is set: the object stays marked but unscanned, and the collector rescans
/// marked objects until no push fails. Pure: the host tests plug in their own page source.
/// </summary>
internal unsafe struct MarkStack
{
    private struct Chunk
    {
        public Chunk* Previous;
        public ulong Count;
        public ulong Capacity;
    }

    private Chunk* _first;
    private Chunk* _top;
    private ulong _chunkBytes;
    private delegate*<ulong, void*> _allocateChunk;
    private delegate*<void*, ulong, void> _freeChunk;

    /// <summary>A push found no memory since the flag was last cleared: some marked objects are unscanned.</summary>
    public bool Overflowed;

    public void Initialize(void* firstChunk, ulong chunkBytes, delegate*<ulong, void*> allocateChunk, delegate*<void*, ulong, void> freeChunk)
    {
        _chunkBytes = chunkBytes;
        _allocateChunk = allocateChunk;
        _freeChunk = freeChunk;
        _first = Format(firstChunk, chunkBytes, null);
        _top = _first;
        Overflowed = false;
    }

    public readonly bool IsEmpty => _top->Count == 0 && _top == _first;

    public bool Push(nint obj)
    {
        Chunk* top = _top;
        if (top->Count == top->Capacity)
        {
            void* memory = _allocateChunk(_chunkBytes);
            if (memory == null)
            {
                Overflowed = true;
                return false;
            }
            top = Format(memory, _chunkBytes, top);
            _top = top;
        }
        Items(top)[top->Count++] = obj;
        return true;
    }

    public bool TryPop(out nint obj)
    {
        Chunk* top = _top;
        while (top->Count == 0)
        {
            if (top == _first)
            {
                obj = 0;
                return false;
            }
            Chunk* previous = top->Previous;
            _freeChunk(top, _chunkBytes);
            top = previous;
            _top = top;
        }
        obj = Items(top)[--top->Count];
        return true;
    }

    // The entries follow the chunk's header.
    private static nint* Items(Chunk* chunk) => (nint*)(chunk + 1);

    private static Chunk* Format(void* memory, ulong bytes, Chunk* previous)
    {
        Chunk* chunk = (Chunk*)memory;
        chunk->Previous = previous;
        chunk->Count = 0;
        chunk->Capacity = (bytes - (ulong)sizeof(Chunk)) / (ulong)sizeof(nint);
        return chunk;
    }
}
