using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tabml.Distributed;

/// <summary>Length-prefixed JSON messages over one TCP connection between two ranks.</summary>
internal sealed class MessageChannel : IDisposable
{
    private const int MaxMessageBytes = 256 << 20;
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly Lock _sendGate = new();

    public MessageChannel(TcpClient client)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
    }

    public void Send(JsonObject message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        lock (_sendGate)
        {
            _stream.Write(header);
            _stream.Write(body);
            _stream.Flush();
        }
    }

    /// <summary>The next message, or null when the other side closed the connection.</summary>
    public JsonObject? Receive()
    {
        var header = new byte[4];
        if (!ReadExactly(header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxMessageBytes)
        {
            throw new IOException($"message of {length} bytes");
        }

        var body = new byte[length];
        return ReadExactly(body) ? JsonNode.Parse(body)?.AsObject() : null;
    }

    public void Dispose() => _client.Dispose();

    private bool ReadExactly(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
