using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tabml.MLNet;

/// <summary>
/// The IDataView a <see cref="TabmlTransformer"/> returns: the input's columns, then the prediction columns.
/// It is lazy like ML.NET's own transforms: a cursor predicts in blocks of rows as it moves, reading the
/// features through a second cursor over the input that runs ahead (the input is not shuffled).
/// </summary>
internal sealed class PredictingDataView : IDataView
{
    private readonly IDataView _input;
    private readonly TabmlTransformer _transformer;

    public PredictingDataView(IDataView input, TabmlTransformer transformer)
    {
        _input = input;
        _transformer = transformer;
        Schema = transformer.Outputs.OutputSchema(input.Schema);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var inputCount = _input.Schema.Count;
        var passThrough = _input.Schema.Where(c => needed.Contains(c.Index));
        var predicting = needed.Any(i => i >= inputCount);
        var ahead = predicting ? _input.GetRowCursor(_transformer.Binding.Columns.Select(c => RowReader.Find(_input.Schema, c.Name))) : null;
        return new PredictingCursor(this, _input.GetRowCursor(passThrough), ahead, needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class PredictingCursor : DataViewRowCursor
    {
        private const int BlockRows = 4096;

        private readonly PredictingDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly DataViewRowCursor? _ahead;
        private readonly RowReader? _reader;
        private readonly HashSet<int> _active;
        private double[] _block = [];
        private int _outputs;
        private long _blockStart;
        private long _blockRows;
        private long _aheadPosition = -1;
        private long _position = -1;

        public PredictingCursor(PredictingDataView view, DataViewRowCursor input, DataViewRowCursor? ahead, HashSet<int> active)
        {
            _view = view;
            _input = input;
            _ahead = ahead;
            _active = active;
            _reader = ahead is null ? null : new RowReader(ahead, view._transformer.Binding.Columns);
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var inputCount = _view._input.Schema.Count;
            return column.Index < inputCount
                ? _input.GetGetter<TValue>(_view._input.Schema[column.Index])
                : _view._transformer.Outputs.Getter<TValue>(column.Index - inputCount, Current);
        }

        public override bool MoveNext()
        {
            if (!_input.MoveNext())
            {
                return false;
            }

            _position++;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
                _ahead?.Dispose();
            }

            base.Dispose(disposing);
        }

        private ReadOnlyMemory<double> Current()
        {
            if (_position < _blockStart || _position >= _blockStart + _blockRows)
            {
                LoadBlock();
            }

            return _block.AsMemory((int)((_position - _blockStart) * _outputs), _outputs);
        }

        /// <summary>Predicts the block of rows starting at the current position (rows skipped since the last block are passed over).</summary>
        private void LoadBlock()
        {
            while (_aheadPosition < _position - 1 && _ahead!.MoveNext())
            {
                _aheadPosition++;
            }

            _reader!.Clear();
            while (_reader.Count < BlockRows && _ahead!.MoveNext())
            {
                _aheadPosition++;
                _reader.Read();
            }

            var predictions = _view._transformer.PredictTable(_reader.ToTable(), threads: Environment.ProcessorCount);
            _block = predictions.Values;
            _outputs = predictions.OutputCount;
            _blockStart = _position;
            _blockRows = predictions.RowCount;
        }
    }
}
