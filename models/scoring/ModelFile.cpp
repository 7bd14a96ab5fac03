#include "scoring/ModelFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace telcodesk {

namespace {

const QLatin1String kFormat("telcodesk-scoring-model");

Error damaged(const QString& source, const QString& what)
{
    return Error{ModelFile::tr("%1 is not a usable model file: %2").arg(source, what), QStringLiteral("corrupt")};
}

bool readNumber(const QJsonObject& o, const QLatin1String& key, double* out)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return false;
    *out = v.toDouble();
    return true;
}

} // namespace

Result<std::vector<double>> ScoringModel::score(const CsvTable& table) const
{
    const bool trees = kind == QLatin1String("gbt") && gbt.has_value();
    if (kind != QLatin1String("lr") && !trees)
        return Error{ModelFile::tr("models of kind \"%1\" cannot score in this version").arg(kind),
                     QStringLiteral("unsupported")};
    Result<FeatureMatrix> features = preprocessor.transform(table);
    if (!features)
        return features.error();
    return trees ? gbt->predictProbabilities(*features) : lr.predict(*features);
}

QByteArray ModelFile::toJson(const ScoringModel& model)
{
    QJsonArray columns;
    for (const Preprocessor::Column& c : model.preprocessor.columns()) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), c.name);
        if (c.numeric) {
            o.insert(QStringLiteral("type"), QStringLiteral("numeric"));
            o.insert(QStringLiteral("mean"), c.mean);
            o.insert(QStringLiteral("std"), c.std);
            o.insert(QStringLiteral("fill"), c.fill);
            if (c.fixedFill)
                o.insert(QStringLiteral("fixed_fill"), true);
        } else {
            o.insert(QStringLiteral("type"), QStringLiteral("categorical"));
            o.insert(QStringLiteral("levels"), QJsonArray::fromStringList(c.levels));
        }
        columns.append(o);
    }
    QJsonObject preprocessing;
    preprocessing.insert(QStringLiteral("standardize"), model.preprocessor.options().standardize);
    preprocessing.insert(QStringLiteral("fill_missing"), model.preprocessor.options().fillMissing);
    preprocessing.insert(QStringLiteral("columns"), columns);

    QJsonObject learner;
    learner.insert(QStringLiteral("kind"), model.kind);
    if (model.kind == QLatin1String("gbt") && model.gbt) {
        learner = model.gbt->toJson();
    } else if (model.kind == QLatin1String("lr")) {
        learner.insert(QStringLiteral("intercept"), model.lr.intercept());
        QJsonArray weights;
        for (double w : model.lr.weights())
            weights.append(w);
        learner.insert(QStringLiteral("weights"), weights);
    }

    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormat);
    root.insert(QStringLiteral("version"), kVersion);
    root.insert(QStringLiteral("target"), model.target);
    root.insert(QStringLiteral("id_column"), model.idColumn);
    root.insert(QStringLiteral("preprocessing"), preprocessing);
    root.insert(QStringLiteral("features"), QJsonArray::fromStringList(model.preprocessor.featureNames()));
    root.insert(QStringLiteral("model"), learner);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<ScoringModel> ModelFile::fromJson(const QByteArray& json, const QString& source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return damaged(source, tr("broken JSON at byte %1 (%2)").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return damaged(source, tr("the top level is not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != kFormat)
        return damaged(source, tr("it is not a TelcoDesk scoring model (\"format\" is not \"%1\")").arg(kFormat));
    const int version = root.value(QLatin1String("version")).toInt(-1);
    if (version != kVersion)
        return damaged(source, tr("its version %1 is not supported (this program reads version %2)").arg(version).arg(kVersion));

    const QJsonObject pre = root.value(QLatin1String("preprocessing")).toObject();
    if (!pre.value(QLatin1String("columns")).isArray())
        return damaged(source, tr("\"preprocessing.columns\" is missing"));
    Preprocessor::Options options;
    options.standardize = pre.value(QLatin1String("standardize")).toBool(true);
    options.fillMissing = pre.value(QLatin1String("fill_missing")).toBool(true);
    std::vector<Preprocessor::Column> columns;
    const QJsonArray columnArray = pre.value(QLatin1String("columns")).toArray();
    for (qsizetype i = 0; i < columnArray.size(); ++i) {
        const QJsonObject o = columnArray.at(i).toObject();
        Preprocessor::Column c;
        c.name = o.value(QLatin1String("name")).toString();
        if (c.name.isEmpty())
            return damaged(source, tr("preprocessing column %1 has no name").arg(i + 1));
        const QString type = o.value(QLatin1String("type")).toString();
        if (type == QLatin1String("numeric")) {
            c.numeric = true;
            c.fixedFill = o.value(QLatin1String("fixed_fill")).toBool(false);
            if (!readNumber(o, QLatin1String("mean"), &c.mean) || !readNumber(o, QLatin1String("std"), &c.std)
                || !readNumber(o, QLatin1String("fill"), &c.fill) || c.std < 0)
                return damaged(source, tr("the numeric column \"%1\" lacks a valid mean, std or fill").arg(c.name));
        } else if (type == QLatin1String("categorical")) {
            const QJsonValue levels = o.value(QLatin1String("levels"));
            if (!levels.isArray())
                return damaged(source, tr("the categorical column \"%1\" has no levels").arg(c.name));
            for (const QJsonValue& level : levels.toArray()) {
                if (!level.isString())
                    return damaged(source, tr("the categorical column \"%1\" has a level that is not text").arg(c.name));
                c.levels.append(level.toString());
            }
        } else {
            return damaged(source, tr("column \"%1\" has the unknown type \"%2\"").arg(c.name, type));
        }
        columns.push_back(c);
    }

    ScoringModel model;
    model.target = root.value(QLatin1String("target")).toString();
    model.idColumn = root.value(QLatin1String("id_column")).toString();
    model.preprocessor = Preprocessor::fromParts(options, std::move(columns));

    const QJsonObject learner = root.value(QLatin1String("model")).toObject();
    model.kind = learner.value(QLatin1String("kind")).toString();
    if (model.kind.isEmpty())
        return damaged(source, tr("\"model.kind\" is missing"));
    if (model.kind == QLatin1String("gbt")) {
        Result<GradientBoostedTrees> trees = GradientBoostedTrees::fromJson(learner);
        if (!trees)
            return damaged(source, tr("its trees are damaged: %1").arg(trees.errorMessage()));
        if (trees->featureNames() != model.preprocessor.featureNames())
            return damaged(source, tr("its trees were grown on other features than its preprocessing gives"));
        model.gbt = std::move(trees.value());
        return model;
    }
    if (model.kind != QLatin1String("lr"))
        return damaged(source, tr("the model kind \"%1\" is not supported by this version").arg(model.kind));
    double intercept = 0;
    if (!readNumber(learner, QLatin1String("intercept"), &intercept))
        return damaged(source, tr("\"model.intercept\" is missing or not a finite number"));
    const QJsonValue weightsValue = learner.value(QLatin1String("weights"));
    if (!weightsValue.isArray())
        return damaged(source, tr("\"model.weights\" is missing"));
    std::vector<double> weights;
    for (const QJsonValue& w : weightsValue.toArray()) {
        if (!w.isDouble() || !std::isfinite(w.toDouble()))
            return damaged(source, tr("weight %1 is not a finite number").arg(weights.size() + 1));
        weights.push_back(w.toDouble());
    }
    if (int(weights.size()) != model.preprocessor.featureCount())
        return damaged(source, tr("it has %1 weights for %2 features").arg(weights.size()).arg(model.preprocessor.featureCount()));
    const QJsonValue features = root.value(QLatin1String("features"));
    if (features.isArray()) {
        QStringList names;
        for (const QJsonValue& f : features.toArray())
            names.append(f.toString());
        if (names != model.preprocessor.featureNames())
            return damaged(source, tr("its feature list does not match its preprocessing"));
    }
    model.lr = LogisticRegression(std::move(weights), intercept);
    return model;
}

Status ModelFile::save(const ScoringModel& model, const QString& path)
{
    if (model.kind == QLatin1String("lr")) {
        bool finite = std::isfinite(model.lr.intercept());
        for (double w : model.lr.weights())
            finite = finite && std::isfinite(w);
        if (!finite)
            return Error{tr("the model has an infinite or undefined weight and cannot be saved"), QStringLiteral("invalid")};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("cannot write %1: %2").arg(path, file.errorString()), QStringLiteral("io")};
    file.write(toJson(model));
    if (!file.commit())
        return Error{tr("cannot write %1: %2").arg(path, file.errorString()), QStringLiteral("io")};
    return Status::success();
}

Result<ScoringModel> ModelFile::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("cannot read %1: %2").arg(path, file.errorString()), QStringLiteral("io")};
    return fromJson(file.readAll(), QFileInfo(path).fileName());
}

} // namespace telcodesk
