#include "scoring/RetentionConfig.h"

#include "common/Logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <optional>

// The built-in document lives in the core library's resources; a static library's resources must be
// registered by hand before first use.
static void initCoreResourcesForRetention()
{
    Q_INIT_RESOURCE(core);
}

namespace telcodesk {

namespace {

const QLatin1String kFormat("telcodesk-retention-config");
constexpr int kVersion = 1;
const QLatin1String kProbabilityName("probability");
const QLatin1String kBuiltInPath(":/telcodesk/scoring/retention-config.json");

struct OpName
{
    Condition::Op op;
    const char* text;
};
const OpName kOps[] = {
    {Condition::Op::Lt, "<"}, {Condition::Op::Le, "<="}, {Condition::Op::Gt, ">"},
    {Condition::Op::Ge, ">="}, {Condition::Op::Eq, "=="}, {Condition::Op::Ne, "!="},
};

/// where is empty for the document itself.
Error invalid(const QString& where, const QString& what)
{
    return Error{where.isEmpty() ? what : QStringLiteral("%1: %2").arg(where, what), QStringLiteral("invalid")};
}

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString indexed(const QString& where, const char* key, qsizetype i)
{
    return QStringLiteral("%1.%2[%3]").arg(where, QLatin1String(key)).arg(i);
}

/// Keys other than the allowed ones are refused: a misspelt key would otherwise silently do nothing.
std::optional<Error> unknownKey(const QJsonObject& o, std::initializer_list<const char*> allowed, const QString& where,
                                const QString& what)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char* k : allowed)
            known = known || it.key() == QLatin1String(k);
        if (!known)
            return invalid(where, what.arg(quoted(it.key())));
    }
    return std::nullopt;
}

// A code is stored in comma-separated lists (customer_score.rules, .tags): keep it to a plain identifier.
bool validCode(const QString& code)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return re.match(code).hasMatch();
}

struct Names
{
    QString code, nameZh, nameEn;
};

std::optional<Error> readNames(const QJsonObject& o, const QString& where, Names* out)
{
    const QJsonValue code = o.value(QLatin1String("code"));
    if (code.isUndefined())
        return invalid(where, RetentionConfig::tr("missing \"code\""));
    if (!code.isString() || !validCode(code.toString()))
        return invalid(where + QLatin1String(".code"),
                       RetentionConfig::tr("a code is lower-case letters, digits and _ and starts with a letter"));
    out->code = code.toString();
    for (const char* key : {"name_zh", "name_en"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return invalid(where, RetentionConfig::tr("missing \"%1\"").arg(QLatin1String(key)));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return invalid(where + QLatin1Char('.') + QLatin1String(key),
                           RetentionConfig::tr("a name must be text that is not empty"));
        (qstrcmp(key, "name_zh") == 0 ? out->nameZh : out->nameEn) = v.toString();
    }
    return std::nullopt;
}

QString ruleKindName(RetentionRule::Kind kind)
{
    switch (kind) {
    case RetentionRule::Kind::Risk: return QStringLiteral("risk");
    case RetentionRule::Kind::Reminder: return QStringLiteral("reminder");
    case RetentionRule::Kind::Flag: return QStringLiteral("flag");
    }
    return QString();
}

QString tagKindName(CustomerTag::Kind kind)
{
    switch (kind) {
    case CustomerTag::Kind::Fact: return QStringLiteral("fact");
    case CustomerTag::Kind::Behaviour: return QStringLiteral("behaviour");
    case CustomerTag::Kind::Predictive: return QStringLiteral("predictive");
    }
    return QString();
}

bool isBand(const QString& band)
{
    return band == QLatin1String("low") || band == QLatin1String("medium") || band == QLatin1String("high");
}

void collectFeatures(const Condition& c, std::vector<int>* out)
{
    if (c.kind == Condition::Kind::Compare) {
        if (std::find(out->begin(), out->end(), c.feature) == out->end())
            out->push_back(c.feature);
        return;
    }
    for (const Condition& child : c.children)
        collectFeatures(child, out);
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// Condition

Result<Condition> Condition::fromJson(const QJsonValue& json, const QString& where)
{
    if (!json.isObject())
        return invalid(where, tr("a condition must be an object: {\"feature\", \"op\", \"value\"}, {\"all\": […]}, "
                                 "{\"any\": […]}, {\"at_least\": n, \"of\": […]} or {\"not\": …}"));
    const QJsonObject o = json.toObject();

    QStringList forms;
    for (const char* key : {"feature", "all", "any", "at_least", "not"}) {
        if (o.contains(QLatin1String(key)))
            forms.append(QLatin1String(key));
    }
    if (forms.isEmpty()) {
        if (o.contains(QLatin1String("of")))
            return invalid(where, tr("\"of\" needs \"at_least\""));
        return invalid(where, tr("a condition needs one of \"feature\", \"all\", \"any\", \"at_least\" or \"not\""));
    }
    if (forms.size() > 1)
        return invalid(where, tr("a condition takes one of \"feature\", \"all\", \"any\", \"at_least\" or \"not\", "
                                 "not both %1 and %2")
                                  .arg(quoted(forms.at(0)), quoted(forms.at(1))));
    const QString form = forms.first();
    const QString unknown = tr("unknown key %1 in a condition");

    Condition c;
    if (form == QLatin1String("feature")) {
        if (auto e = unknownKey(o, {"feature", "op", "value"}, where, unknown))
            return *e;
        c.kind = Kind::Compare;
        const QJsonValue feature = o.value(QLatin1String("feature"));
        if (!feature.isString())
            return invalid(where, tr("\"feature\" must be the name of a feature"));
        const QString name = feature.toString();
        c.feature = name == kProbabilityName ? kProbability : CustomerFeatures::indexOf(name);
        if (c.feature < 0)
            return invalid(where, tr("unknown feature %1").arg(quoted(name)));

        const QJsonValue op = o.value(QLatin1String("op"));
        if (op.isUndefined())
            return invalid(where, tr("missing \"op\""));
        bool found = false;
        for (const OpName& candidate : kOps) {
            if (op.isString() && op.toString() == QLatin1String(candidate.text)) {
                c.op = candidate.op;
                found = true;
            }
        }
        if (!found)
            return invalid(where, op.isString() ? tr("unknown op %1; an op is one of <, <=, >, >=, == or !=")
                                                      .arg(quoted(op.toString()))
                                                : tr("\"op\" must be one of \"<\", \"<=\", \">\", \">=\", \"==\" or \"!=\""));
        const QJsonValue value = o.value(QLatin1String("value"));
        if (value.isUndefined())
            return invalid(where, tr("missing \"value\""));
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return invalid(where, tr("\"value\" must be a number"));
        c.value = value.toDouble();
        return c;
    }

    if (form == QLatin1String("not")) {
        if (auto e = unknownKey(o, {"not"}, where, unknown))
            return *e;
        c.kind = Kind::Not;
        Result<Condition> child = fromJson(o.value(QLatin1String("not")), where + QLatin1String(".not"));
        if (!child)
            return child.error();
        c.children.push_back(std::move(child).value());
        return c;
    }

    const char* listKey = "all";
    if (form == QLatin1String("all")) {
        if (auto e = unknownKey(o, {"all"}, where, unknown))
            return *e;
        c.kind = Kind::All;
    } else if (form == QLatin1String("any")) {
        if (auto e = unknownKey(o, {"any"}, where, unknown))
            return *e;
        c.kind = Kind::Any;
        listKey = "any";
    } else {
        if (auto e = unknownKey(o, {"at_least", "of"}, where, unknown))
            return *e;
        c.kind = Kind::AtLeast;
        listKey = "of";
        if (!o.contains(QLatin1String("of")))
            return invalid(where, tr("missing \"of\""));
    }
    const QJsonValue list = o.value(QLatin1String(listKey));
    if (!list.isArray())
        return invalid(where, tr("\"%1\" must be a list of conditions").arg(QLatin1String(listKey)));
    const QJsonArray items = list.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        Result<Condition> child = fromJson(items.at(i), indexed(where, listKey, i));
        if (!child)
            return child.error();
        c.children.push_back(std::move(child).value());
    }
    if (c.kind == Kind::AtLeast) {
        const QJsonValue n = o.value(QLatin1String("at_least"));
        const double d = n.toDouble(-1);
        if (!n.isDouble() || d != std::floor(d) || d < 1 || d > double(items.size()))
            return invalid(where, tr("\"at_least\" must be a whole number from 1 to the number of conditions in "
                                     "\"of\" (%1)")
                                      .arg(items.size()));
        c.atLeast = int(d);
    }
    return c;
}

QJsonValue Condition::toJson() const
{
    switch (kind) {
    case Kind::Compare: {
        QString opText;
        for (const OpName& candidate : kOps) {
            if (candidate.op == op)
                opText = QLatin1String(candidate.text);
        }
        return QJsonObject{
            {QStringLiteral("feature"),
             feature == kProbability ? QString(kProbabilityName) : CustomerFeatures::name(CustomerFeature(feature))},
            {QStringLiteral("op"), opText},
            {QStringLiteral("value"), value},
        };
    }
    case Kind::Not:
        return QJsonObject{{QStringLiteral("not"), children.empty() ? QJsonValue(QJsonObject{}) : children.front().toJson()}};
    case Kind::All:
    case Kind::Any:
    case Kind::AtLeast: {
        QJsonArray items;
        for (const Condition& child : children)
            items.append(child.toJson());
        if (kind == Kind::All)
            return QJsonObject{{QStringLiteral("all"), items}};
        if (kind == Kind::Any)
            return QJsonObject{{QStringLiteral("any"), items}};
        return QJsonObject{{QStringLiteral("at_least"), atLeast}, {QStringLiteral("of"), items}};
    }
    }
    return QJsonValue();
}

bool Condition::evaluate(const double* features, double probability) const
{
    switch (kind) {
    case Kind::Compare: {
        const double x = feature == kProbability ? probability : features[feature];
        // Every comparison with a missing value is false, != included: "not known" is not "different".
        if (std::isnan(x))
            return false;
        switch (op) {
        case Op::Lt: return x < value;
        case Op::Le: return x <= value;
        case Op::Gt: return x > value;
        case Op::Ge: return x >= value;
        case Op::Eq: return x == value;
        case Op::Ne: return x != value;
        }
        return false;
    }
    case Kind::All:
        for (const Condition& child : children) {
            if (!child.evaluate(features, probability))
                return false;
        }
        return true;
    case Kind::Any:
        for (const Condition& child : children) {
            if (child.evaluate(features, probability))
                return true;
        }
        return false;
    case Kind::AtLeast: {
        int held = 0;
        for (const Condition& child : children) {
            if (child.evaluate(features, probability) && ++held >= atLeast)
                return true;
        }
        return held >= atLeast;
    }
    case Kind::Not:
        return !children.empty() && !children.front().evaluate(features, probability);
    }
    return false;
}

std::vector<int> Condition::featureIndices() const
{
    std::vector<int> out;
    collectFeatures(*this, &out);
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// RfmSegment

bool RfmSegment::matches(double r, double f, double m) const
{
    // A bound on a value that is not known does not hold; a value without a bound does not matter.
    const auto within = [](double x, double lo, double hi) {
        if (!std::isnan(lo) && !(x >= lo))
            return false;
        if (!std::isnan(hi) && !(x <= hi))
            return false;
        return true;
    };
    return within(r, rMin, rMax) && within(f, fMin, fMax) && within(m, mMin, mMax);
}

// ---------------------------------------------------------------------------------------------------------------
// RetentionConfig

Result<RetentionConfig> RetentionConfig::fromJson(const QByteArray& json, const QString& sourceName)
{
    const auto fail = [&sourceName](const Error& e) {
        return Error{QStringLiteral("%1: %2").arg(sourceName, e.message), e.code};
    };
    const auto failAt = [&fail](const QString& where, const QString& what) { return fail(invalid(where, what)); };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{tr("%1: not valid JSON at character %2: %3")
                         .arg(sourceName)
                         .arg(parseError.offset)
                         .arg(parseError.errorString()),
                     QStringLiteral("invalid")};
    if (!doc.isObject())
        return Error{tr("%1: the document must be a JSON object").arg(sourceName), QStringLiteral("invalid")};
    const QJsonObject root = doc.object();
    const QString top; // the document itself

    if (auto e = unknownKey(root, {"format", "version", "bands", "rules", "rfm", "tags", "tasks"}, top,
                            tr("unknown key %1")))
        return fail(*e);
    if (root.value(QLatin1String("format")).toString() != kFormat)
        return failAt(QStringLiteral("format"), tr("expected \"%1\"").arg(kFormat));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1)
        return failAt(QStringLiteral("version"), tr("expected a whole number (%1)").arg(kVersion));
    if (version.toDouble() > kVersion)
        return failAt(QStringLiteral("version"), tr("version %1 is newer than this TelcoDesk understands (%2)")
                                                     .arg(version.toDouble())
                                                     .arg(kVersion));

    RetentionConfig config;

    // Bands.
    const QJsonValue bandsValue = root.value(QLatin1String("bands"));
    if (bandsValue.isUndefined())
        return failAt(top, tr("missing \"bands\""));
    if (!bandsValue.isObject())
        return failAt(QStringLiteral("bands"), tr("must be an object {\"high\": p, \"medium\": p}"));
    const QJsonObject bands = bandsValue.toObject();
    if (auto e = unknownKey(bands, {"high", "medium"}, QStringLiteral("bands"), tr("unknown key %1")))
        return fail(*e);
    for (const char* key : {"high", "medium"}) {
        const QJsonValue v = bands.value(QLatin1String(key));
        const QString where = QStringLiteral("bands.") + QLatin1String(key);
        if (v.isUndefined())
            return failAt(QStringLiteral("bands"), tr("missing \"%1\"").arg(QLatin1String(key)));
        if (!v.isDouble() || !(v.toDouble() > 0) || !(v.toDouble() <= 1))
            return failAt(where, tr("a band starts at a probability above 0 and at most 1"));
        (qstrcmp(key, "high") == 0 ? config.highBand : config.mediumBand) = v.toDouble();
    }
    if (!(config.highBand > config.mediumBand))
        return failAt(QStringLiteral("bands"), tr("high (%1) must be above medium (%2)")
                                                   .arg(config.highBand)
                                                   .arg(config.mediumBand));

    // Rules.
    const QJsonValue rulesValue = root.value(QLatin1String("rules"));
    if (rulesValue.isUndefined())
        return failAt(top, tr("missing \"rules\""));
    if (!rulesValue.isArray())
        return failAt(QStringLiteral("rules"), tr("must be a list of rules"));
    const QJsonArray rules = rulesValue.toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString where = QStringLiteral("rules[%1]").arg(i);
        if (!rules.at(i).isObject())
            return failAt(where, tr("a rule must be an object"));
        const QJsonObject o = rules.at(i).toObject();
        if (auto e = unknownKey(o, {"code", "kind", "name_zh", "name_en", "when"}, where, tr("unknown key %1")))
            return fail(*e);
        Names names;
        if (auto e = readNames(o, where, &names))
            return fail(*e);
        // Reasons name a feature or a rule by its code alone.
        if (CustomerFeatures::indexOf(names.code) >= 0 || names.code == kProbabilityName)
            return failAt(where + QLatin1String(".code"),
                          tr("%1 is a feature's name; a rule needs a code of its own").arg(quoted(names.code)));
        for (std::size_t j = 0; j < config.rules.size(); ++j) {
            if (config.rules[j].code == names.code)
                return failAt(where + QLatin1String(".code"),
                              tr("duplicate code %1 (also rules[%2])").arg(quoted(names.code)).arg(j));
        }
        RetentionRule rule;
        rule.code = names.code;
        rule.nameZh = names.nameZh;
        rule.nameEn = names.nameEn;
        const QJsonValue kind = o.value(QLatin1String("kind"));
        if (kind.isUndefined())
            return failAt(where, tr("missing \"kind\""));
        const QString kindText = kind.toString();
        if (kindText == QLatin1String("risk"))
            rule.kind = RetentionRule::Kind::Risk;
        else if (kindText == QLatin1String("reminder"))
            rule.kind = RetentionRule::Kind::Reminder;
        else if (kindText == QLatin1String("flag"))
            rule.kind = RetentionRule::Kind::Flag;
        else
            return failAt(where + QLatin1String(".kind"),
                          tr("unknown kind %1; a rule's kind is risk, reminder or flag").arg(quoted(kindText)));
        if (!o.contains(QLatin1String("when")))
            return failAt(where, tr("missing \"when\""));
        Result<Condition> when = Condition::fromJson(o.value(QLatin1String("when")), where + QLatin1String(".when"));
        if (!when)
            return fail(when.error());
        rule.when = std::move(when).value();
        config.rules.push_back(std::move(rule));
    }

    // RFM segments.
    const QJsonValue rfmValue = root.value(QLatin1String("rfm"));
    if (!rfmValue.isUndefined()) {
        if (!rfmValue.isObject())
            return failAt(QStringLiteral("rfm"), tr("must be an object {\"segments\": […]}"));
        const QJsonObject rfm = rfmValue.toObject();
        if (auto e = unknownKey(rfm, {"segments"}, QStringLiteral("rfm"), tr("unknown key %1")))
            return fail(*e);
        const QJsonValue segmentsValue = rfm.value(QLatin1String("segments"));
        if (!segmentsValue.isArray())
            return failAt(QStringLiteral("rfm.segments"), tr("must be a list of segments"));
        const QJsonArray segments = segmentsValue.toArray();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const QString where = QStringLiteral("rfm.segments[%1]").arg(i);
            if (!segments.at(i).isObject())
                return failAt(where, tr("a segment must be an object"));
            const QJsonObject o = segments.at(i).toObject();
            if (auto e = unknownKey(o, {"code", "name_zh", "name_en", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max"},
                                    where, tr("unknown key %1")))
                return fail(*e);
            Names names;
            if (auto e = readNames(o, where, &names))
                return fail(*e);
            for (std::size_t j = 0; j < config.segments.size(); ++j) {
                if (config.segments[j].code == names.code)
                    return failAt(where + QLatin1String(".code"),
                                  tr("duplicate code %1 (also rfm.segments[%2])").arg(quoted(names.code)).arg(j));
            }
            RfmSegment segment;
            segment.code = names.code;
            segment.nameZh = names.nameZh;
            segment.nameEn = names.nameEn;
            struct Bound
            {
                const char* min;
                const char* max;
                double* lo;
                double* hi;
            };
            const Bound bounds[] = {{"r_min", "r_max", &segment.rMin, &segment.rMax},
                                    {"f_min", "f_max", &segment.fMin, &segment.fMax},
                                    {"m_min", "m_max", &segment.mMin, &segment.mMax}};
            for (const Bound& b : bounds) {
                for (const char* key : {b.min, b.max}) {
                    const QJsonValue v = o.value(QLatin1String(key));
                    if (v.isUndefined())
                        continue;
                    if (!v.isDouble() || !std::isfinite(v.toDouble()))
                        return failAt(where + QLatin1Char('.') + QLatin1String(key), tr("a bound must be a number"));
                    *(key == b.min ? b.lo : b.hi) = v.toDouble();
                }
                if (*b.lo > *b.hi)
                    return failAt(where, tr("%1 (%2) is above %3 (%4): no customer can match")
                                             .arg(QLatin1String(b.min))
                                             .arg(*b.lo)
                                             .arg(QLatin1String(b.max))
                                             .arg(*b.hi));
            }
            config.segments.push_back(std::move(segment));
        }
    }

    // Tags.
    const QJsonValue tagsValue = root.value(QLatin1String("tags"));
    if (!tagsValue.isUndefined()) {
        if (!tagsValue.isArray())
            return failAt(QStringLiteral("tags"), tr("must be a list of tags"));
        const QJsonArray tags = tagsValue.toArray();
        for (qsizetype i = 0; i < tags.size(); ++i) {
            const QString where = QStringLiteral("tags[%1]").arg(i);
            if (!tags.at(i).isObject())
                return failAt(where, tr("a tag must be an object"));
            const QJsonObject o = tags.at(i).toObject();
            if (auto e = unknownKey(o, {"code", "kind", "name_zh", "name_en", "when"}, where, tr("unknown key %1")))
                return fail(*e);
            Names names;
            if (auto e = readNames(o, where, &names))
                return fail(*e);
            for (std::size_t j = 0; j < config.tags.size(); ++j) {
                if (config.tags[j].code == names.code)
                    return failAt(where + QLatin1String(".code"),
                                  tr("duplicate code %1 (also tags[%2])").arg(quoted(names.code)).arg(j));
            }
            CustomerTag tag;
            tag.code = names.code;
            tag.nameZh = names.nameZh;
            tag.nameEn = names.nameEn;
            const QJsonValue kind = o.value(QLatin1String("kind"));
            if (kind.isUndefined())
                return failAt(where, tr("missing \"kind\""));
            const QString kindText = kind.toString();
            if (kindText == QLatin1String("fact"))
                tag.kind = CustomerTag::Kind::Fact;
            else if (kindText == QLatin1String("behaviour"))
                tag.kind = CustomerTag::Kind::Behaviour;
            else if (kindText == QLatin1String("predictive"))
                tag.kind = CustomerTag::Kind::Predictive;
            else
                return failAt(where + QLatin1String(".kind"),
                              tr("unknown kind %1; a tag's kind is fact, behaviour or predictive").arg(quoted(kindText)));
            if (!o.contains(QLatin1String("when")))
                return failAt(where, tr("missing \"when\""));
            Result<Condition> when = Condition::fromJson(o.value(QLatin1String("when")), where + QLatin1String(".when"));
            if (!when)
                return fail(when.error());
            tag.when = std::move(when).value();
            config.tags.push_back(std::move(tag));
        }
    }

    // Task settings.
    const QJsonValue tasksValue = root.value(QLatin1String("tasks"));
    if (!tasksValue.isUndefined()) {
        if (!tasksValue.isObject())
            return failAt(QStringLiteral("tasks"), tr("must be an object {\"queue\", \"due_days\", \"min_band\"}"));
        const QJsonObject tasks = tasksValue.toObject();
        if (auto e = unknownKey(tasks, {"queue", "due_days", "min_band"}, QStringLiteral("tasks"), tr("unknown key %1")))
            return fail(*e);
        if (tasks.contains(QLatin1String("queue"))) {
            const QJsonValue v = tasks.value(QLatin1String("queue"));
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return failAt(QStringLiteral("tasks.queue"), tr("a queue must be text that is not empty"));
            config.taskQueue = v.toString();
        }
        if (tasks.contains(QLatin1String("due_days"))) {
            const QJsonValue v = tasks.value(QLatin1String("due_days"));
            const double d = v.toDouble(-1);
            if (!v.isDouble() || d != std::floor(d) || d < 0 || d > 365)
                return failAt(QStringLiteral("tasks.due_days"), tr("must be a whole number of days from 0 to 365"));
            config.taskDueDays = int(d);
        }
        if (tasks.contains(QLatin1String("min_band"))) {
            const QString band = tasks.value(QLatin1String("min_band")).toString();
            if (!isBand(band))
                return failAt(QStringLiteral("tasks.min_band"),
                              tr("unknown band %1; a band is low, medium or high").arg(quoted(band)));
            config.taskMinBand = band;
        }
    }
    return config;
}

QByteArray RetentionConfig::toJson() const
{
    QJsonArray rulesJson;
    for (const RetentionRule& r : rules)
        rulesJson.append(QJsonObject{{QStringLiteral("code"), r.code},
                                     {QStringLiteral("kind"), ruleKindName(r.kind)},
                                     {QStringLiteral("name_zh"), r.nameZh},
                                     {QStringLiteral("name_en"), r.nameEn},
                                     {QStringLiteral("when"), r.when.toJson()}});
    QJsonArray segmentsJson;
    for (const RfmSegment& s : segments) {
        QJsonObject o{{QStringLiteral("code"), s.code},
                      {QStringLiteral("name_zh"), s.nameZh},
                      {QStringLiteral("name_en"), s.nameEn}};
        const std::pair<const char*, double> bounds[] = {{"r_min", s.rMin}, {"r_max", s.rMax}, {"f_min", s.fMin},
                                                         {"f_max", s.fMax}, {"m_min", s.mMin}, {"m_max", s.mMax}};
        for (const auto& [key, value] : bounds) {
            if (!std::isnan(value))
                o.insert(QLatin1String(key), value);
        }
        segmentsJson.append(o);
    }
    QJsonArray tagsJson;
    for (const CustomerTag& t : tags)
        tagsJson.append(QJsonObject{{QStringLiteral("code"), t.code},
                                    {QStringLiteral("kind"), tagKindName(t.kind)},
                                    {QStringLiteral("name_zh"), t.nameZh},
                                    {QStringLiteral("name_en"), t.nameEn},
                                    {QStringLiteral("when"), t.when.toJson()}});
    const QJsonObject root{
        {QStringLiteral("format"), QString(kFormat)},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("bands"), QJsonObject{{QStringLiteral("high"), highBand}, {QStringLiteral("medium"), mediumBand}}},
        {QStringLiteral("rules"), rulesJson},
        {QStringLiteral("rfm"), QJsonObject{{QStringLiteral("segments"), segmentsJson}}},
        {QStringLiteral("tags"), tagsJson},
        {QStringLiteral("tasks"), QJsonObject{{QStringLiteral("queue"), taskQueue},
                                              {QStringLiteral("due_days"), taskDueDays},
                                              {QStringLiteral("min_band"), taskMinBand}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

const RetentionConfig& RetentionConfig::builtIn()
{
    static const RetentionConfig config = [] {
        initCoreResourcesForRetention();
        QFile file(kBuiltInPath);
        if (!file.open(QIODevice::ReadOnly)) {
            // Only a broken build gets here; tst_retentionconfig checks the shipped document.
            qCCritical(lcServices) << "cannot read the built-in retention rules" << file.errorString();
            return RetentionConfig();
        }
        Result<RetentionConfig> parsed = fromJson(file.readAll(), QStringLiteral("retention-config.json"));
        if (!parsed) {
            qCCritical(lcServices) << "the built-in retention rules do not parse:" << parsed.errorMessage();
            return RetentionConfig();
        }
        return std::move(parsed).value();
    }();
    return config;
}

RetentionConfig RetentionConfig::load(const LocalStore& store, QString* problem, QString* source)
{
    if (problem)
        problem->clear();
    if (source)
        *source = tr("built-in (%1)").arg(kBuiltInPath);
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("SELECT id, body, version FROM scoring_config WHERE key = ? AND deleted_at IS NULL"));
    q.addBindValue(QLatin1String(kKey));
    if (!q.exec()) {
        if (problem)
            *problem = tr("cannot read the retention rules from scoring_config (%1); using the built-in rules")
                           .arg(q.lastError().text());
        return builtIn();
    }
    if (!q.next())
        return builtIn();
    const QString id = q.value(0).toString();
    const qint64 version = q.value(2).toLongLong();
    const QString where = QStringLiteral("scoring_config %1").arg(quoted(QLatin1String(kKey)));
    Result<RetentionConfig> parsed = fromJson(q.value(1).toString().toUtf8(), where);
    if (!parsed) {
        if (problem)
            *problem = tr("%1; using the built-in rules").arg(parsed.errorMessage());
        return builtIn();
    }
    if (source)
        *source = tr("scoring_config row %1, version %2").arg(id).arg(version);
    return std::move(parsed).value();
}

Status RetentionConfig::saveLocal(const LocalStore& store, const QByteArray& json)
{
    Result<RetentionConfig> parsed = fromJson(json, tr("the new retention rules"));
    if (!parsed)
        return parsed.error();

    QSqlDatabase db = store.connection();
    if (!db.transaction())
        return Error{tr("cannot save the retention rules: %1").arg(db.lastError().text()), QStringLiteral("io")};
    QSqlQuery q(db);
    // A row that is already there (ours, or the server's) keeps its id; the server's next version of its
    // row replaces this body when it is pulled.
    q.prepare(QStringLiteral(
        "INSERT INTO scoring_config (id, key, body, version, updated_at, deleted_at) VALUES (?, ?, ?, 1, ?, NULL) "
        "ON CONFLICT(key) DO UPDATE SET body = excluded.body, version = scoring_config.version + 1, "
        "updated_at = excluded.updated_at, deleted_at = NULL"));
    q.addBindValue(QLatin1String(kLocalRowId));
    q.addBindValue(QLatin1String(kKey));
    q.addBindValue(QString::fromUtf8(json));
    q.addBindValue(Clock::system().nowMs());
    if (!q.exec()) {
        const QString message = q.lastError().text();
        db.rollback();
        return Error{tr("cannot save the retention rules: %1").arg(message), QStringLiteral("io")};
    }
    if (!db.commit()) {
        const QString message = db.lastError().text();
        db.rollback();
        return Error{tr("cannot save the retention rules: %1").arg(message), QStringLiteral("io")};
    }
    return Status::success();
}

QString RetentionConfig::bandOf(double probability) const
{
    if (probability >= highBand)
        return QStringLiteral("high");
    if (probability >= mediumBand)
        return QStringLiteral("medium");
    return QStringLiteral("low");
}

RetentionConfig::Outcome RetentionConfig::evaluate(const double* features, double probability) const
{
    Outcome out;
    for (const RetentionRule& r : rules) {
        if (!r.when.evaluate(features, probability))
            continue;
        out.rules.append(r.code);
        if (r.kind == RetentionRule::Kind::Risk)
            out.highRiskRule = true;
    }
    out.band = out.highRiskRule ? QStringLiteral("high") : bandOf(probability);
    const double r = features[int(CustomerFeature::RecencyMonths)];
    const double f = features[int(CustomerFeature::Frequency6m)];
    const double m = features[int(CustomerFeature::SpendAvg3m)];
    for (const RfmSegment& s : segments) {
        if (s.matches(r, f, m)) {
            out.segment = s.code;
            break;
        }
    }
    for (const CustomerTag& t : tags) {
        if (t.when.evaluate(features, probability))
            out.tags.append(t.code);
    }
    return out;
}

const RetentionRule* RetentionConfig::rule(const QString& code) const
{
    for (const RetentionRule& r : rules) {
        if (r.code == code)
            return &r;
    }
    return nullptr;
}

const RfmSegment* RetentionConfig::segment(const QString& code) const
{
    for (const RfmSegment& s : segments) {
        if (s.code == code)
            return &s;
    }
    return nullptr;
}

const CustomerTag* RetentionConfig::tag(const QString& code) const
{
    for (const CustomerTag& t : tags) {
        if (t.code == code)
            return &t;
    }
    return nullptr;
}

} // namespace telcodesk
