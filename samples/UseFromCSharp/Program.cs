using Tabml;
using Tabml.Data;
using Tabml.Training;

// Run from the repository root; a test passes its own paths.
var csv = args.Length > 0 ? args[0] : "datasets/adult.csv";
var file = args.Length > 1 ? args[1] : "adult.tabml";

// Train LightGBM-TD on the census rows: does a person earn more than 50K a year?
var options = TrainDefaults.Options with { Models = ["lightgbm"], Seed = 0 };
var model = TabmlModel.Train(TabularData.FromCsv(csv), "income", options);
foreach (var row in model.Leaderboard)
{
    Console.WriteLine($"{row.Model,-12} validation {model.Metric} {row.Score:F4}");
}

model.Save(file);

// Later, in a service: load the model file and score rows held in memory.
var loaded = TabmlModel.Load(file);
var people = TabularData.FromColumns(
    TableColumn.Numeric("age", [39, 52, 58]),
    TableColumn.Text("workclass", ["State-gov", "Self-emp-not-inc", "Self-emp-inc"]),
    TableColumn.Numeric("fnlwgt", [77516, 209642, 210563]),
    TableColumn.Text("education", ["Bachelors", "HS-grad", "HS-grad"]),
    TableColumn.Numeric("education-num", [13, 9, 9]),
    TableColumn.Text("marital-status", ["Never-married", "Married-civ-spouse", "Married-civ-spouse"]),
    TableColumn.Text("occupation", ["Adm-clerical", "Exec-managerial", "Sales"]),
    TableColumn.Text("relationship", ["Not-in-family", "Husband", "Wife"]),
    TableColumn.Text("race", ["White", "White", "White"]),
    TableColumn.Text("sex", ["Male", "Male", "Female"]),
    TableColumn.Numeric("capital-gain", [2174, 0, 15024]),
    TableColumn.Numeric("capital-loss", [0, 0, 0]),
    TableColumn.Numeric("hours-per-week", [40, 45, 35]),
    TableColumn.Text("native-country", ["United-States", "United-States", "United-States"]));
var predictions = loaded.Predict(people);
for (var i = 0; i < predictions.Count; i++)
{
    Console.WriteLine($"person {i + 1}: {predictions.Label(i),-5} P(>50K) = {predictions.Probability(i, ">50K"):F3}");
}
