using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tabml.MLNet;

/// <summary>
/// The row-to-row mapping behind ML.NET's PredictionEngine: each input row is read and predicted alone,
/// once per row position (every output column of that row shares the prediction).
/// </summary>
internal sealed class TabmlRowMapper : IRowToRowMapper
{
    private readonly TabmlTransformer _transformer;

    public TabmlRowMapper(TabmlTransformer transformer, DataViewSchema inputSchema)
    {
        _transformer = transformer;
        InputSchema = inputSchema;
        OutputSchema = transformer.Outputs.OutputSchema(inputSchema);
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        dependingColumns.Any(c => c.Index >= InputSchema.Count)
            ? _transformer.Binding.Columns.Select(c => RowReader.Find(InputSchema, c.Name))
            : [];

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedRow(this, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class MappedRow : DataViewRow
    {
        private readonly TabmlRowMapper _mapper;
        private readonly DataViewRow _input;
        private readonly HashSet<int> _active;
        private readonly Lazy<RowReader> _reader;
        private long _predictedPosition = -1;
        private double[] _outputs = [];

        public MappedRow(TabmlRowMapper mapper, DataViewRow input, HashSet<int> active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            _reader = new Lazy<RowReader>(() => new RowReader(input, mapper._transformer.Binding.Columns));
        }

        public override DataViewSchema Schema => _mapper.OutputSchema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var inputCount = _mapper.InputSchema.Count;
            return column.Index < inputCount
                ? _input.GetGetter<TValue>(_input.Schema[column.Index])
                : _mapper._transformer.Outputs.Getter<TValue>(column.Index - inputCount, Current);
        }

        private ReadOnlyMemory<double> Current()
        {
            if (_predictedPosition != _input.Position || _predictedPosition < 0)
            {
                var reader = _reader.Value;
                reader.Clear();
                reader.Read();
                _outputs = _mapper._transformer.PredictTable(reader.ToTable(), threads: 1).Values;
                _predictedPosition = _input.Position;
            }

            return _outputs;
        }
    }
}
