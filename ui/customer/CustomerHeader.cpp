#include "customer/CustomerHeader.h"

#include "ChipStyle.h"
#include "Labels.h"
#include "itemmodels/DisplayFormat.h"
#include "itemmodels/RetentionFormat.h"
#include "security/Masking.h"
#include "security/RevealService.h"

#include <QDate>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

QString tierStyle(const QString& tier)
{
    if (tier == QLatin1String("diamond"))
        return ChipStyle::colours(QStringLiteral("#e3f2fd"), QStringLiteral("#0d47a1"));
    if (tier == QLatin1String("platinum"))
        return ChipStyle::colours(QStringLiteral("#ede7f6"), QStringLiteral("#4527a0"));
    if (tier == QLatin1String("gold"))
        return ChipStyle::colours(QStringLiteral("#fff3cd"), QStringLiteral("#7a5a00"));
    if (tier == QLatin1String("silver"))
        return ChipStyle::colours(QStringLiteral("#eceff1"), QStringLiteral("#37474f"));
    return ChipStyle::colours(QStringLiteral("#f1f3f4"), QStringLiteral("#3c4043"));
}

/// Tags that tell the agent something needs attention (money owed) stand out from the descriptive ones.
bool isWarningTag(const QString& code)
{
    return code == QLatin1String("overdue");
}

QString tagStyle(bool warning)
{
    return warning ? ChipStyle::colours(QStringLiteral("#fff0d9"), QStringLiteral("#9a4a00"))
                   : ChipStyle::colours(QStringLiteral("#e6f4ea"), QStringLiteral("#137333"));
}

QLabel* makeChip(const QString& text, const QString& style, QWidget* parent)
{
    auto* chip = new QLabel(text, parent);
    chip->setTextFormat(Qt::PlainText);
    chip->setStyleSheet(style);
    return chip;
}

QToolButton* makeRevealButton(QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setText(CustomerHeader::tr("Reveal"));
    button->setAutoRaise(true);
    button->setCursor(Qt::PointingHandCursor);
    button->setStyleSheet(QStringLiteral("QToolButton { color: #1a73e8; padding: 0 4px; }"));
    return button;
}

} // namespace

CustomerHeader::CustomerHeader(LocalStorePtr store, const Session& session, QWidget* parent)
    : QFrame(parent)
    , m_store(std::move(store))
    , m_session(session)
{
    setObjectName(QStringLiteral("customerHeader"));
    setStyleSheet(QStringLiteral("#customerHeader { background: palette(base); border: 1px solid palette(mid); "
                                 "border-radius: 6px; }"));

    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setTextFormat(Qt::PlainText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.7);
    nameFont.setBold(true);
    m_name->setFont(nameFont);

    m_type = makeChip(QString(), ChipStyle::colours(QStringLiteral("#e8f0fe"), QStringLiteral("#1a56b8")), this);
    m_tier = makeChip(QString(), tierStyle(QString()), this);
    m_status = makeChip(QString(), ChipStyle::colours(QStringLiteral("#fdecea"), QStringLiteral("#b3261e")), this);
    m_risk = makeChip(QString(), ChipStyle::riskBand(QString()), this);
    m_risk->setObjectName(QStringLiteral("riskBadge"));
    setRisk(std::nullopt, RetentionConfig::builtIn());

    m_logButton = new QPushButton(tr("Log interaction"), this);
    m_logButton->setObjectName(QStringLiteral("logInteractionButton"));
    m_logButton->setToolTip(tr("Record this contact with the customer (Ctrl+L)"));

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_name);
    top->addSpacing(6);
    top->addWidget(m_type);
    top->addWidget(m_tier);
    top->addWidget(m_status);
    top->addStretch(1);
    top->addWidget(m_risk);
    top->addSpacing(8);
    top->addWidget(m_logButton);

    auto* facts = new QHBoxLayout;
    facts->setSpacing(6);
    m_number = addFact(facts, tr("Number"));
    m_number->setObjectName(QStringLiteral("customerNumber"));
    m_revealNumber = makeRevealButton(this);
    m_revealNumber->setObjectName(QStringLiteral("revealNumberButton"));
    m_revealNumber->setToolTip(tr("Show the full number. Revealing is recorded in the audit log."));
    facts->addWidget(m_revealNumber);
    facts->addSpacing(14);
    m_account = addFact(facts, tr("Account"));
    facts->addSpacing(14);
    m_idNumber = addFact(facts, tr("ID"));
    m_idNumber->setObjectName(QStringLiteral("customerIdNumber"));
    m_revealId = makeRevealButton(this);
    m_revealId->setObjectName(QStringLiteral("revealIdButton"));
    m_revealId->setToolTip(tr("Show the full ID number. Revealing is recorded in the audit log."));
    facts->addWidget(m_revealId);
    facts->addSpacing(14);
    m_segment = addFact(facts, tr("Segment"));
    facts->addSpacing(14);
    m_tenure = addFact(facts, tr("Customer for"));
    facts->addStretch(1);

    auto* place = new QHBoxLayout;
    place->setSpacing(6);
    m_region = addFact(place, tr("Region"));
    place->addSpacing(14);
    m_manager = addFact(place, tr("Account manager"));
    place->addSpacing(14);
    m_tagBox = new QWidget(this);
    m_tagLayout = new QHBoxLayout(m_tagBox);
    m_tagLayout->setContentsMargins(0, 0, 0, 0);
    m_tagLayout->setSpacing(4);
    place->addWidget(m_tagBox);
    place->addStretch(1);

    m_group = new QLabel(this);
    m_group->setObjectName(QStringLiteral("groupLink"));
    m_duplicates = new QLabel(this);
    m_duplicates->setObjectName(QStringLiteral("duplicatesNote"));
    m_duplicates->setStyleSheet(QStringLiteral("QLabel { color: #8a5300; }"));
    m_revealError = new QLabel(this);
    m_revealError->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_revealError->setWordWrap(true);
    m_revealError->hide();
    for (QLabel* link : {m_group, m_duplicates}) {
        link->setTextFormat(Qt::RichText);
        link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        connect(link, &QLabel::linkActivated, this, &CustomerHeader::openCustomerRequested);
    }
    auto* links = new QHBoxLayout;
    links->setSpacing(18);
    links->addWidget(m_group);
    links->addWidget(m_duplicates);
    links->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addLayout(facts);
    layout->addLayout(place);
    layout->addLayout(links);
    layout->addWidget(m_revealError);

    connect(m_revealNumber, &QToolButton::clicked, this, &CustomerHeader::revealNumber);
    connect(m_revealId, &QToolButton::clicked, this, &CustomerHeader::revealId);
}

QLabel* CustomerHeader::addFact(QHBoxLayout* row, const QString& caption)
{
    auto* captionLabel = new QLabel(caption, this);
    captionLabel->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    auto* value = new QLabel(this);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(captionLabel);
    row->addWidget(value);
    return value;
}

void CustomerHeader::setCustomer(const Customer360& view, const QVector<RecordLink>& duplicates)
{
    const Customer& c = view.customer;
    m_customerId = c.id;
    m_revealError->hide();

    m_name->setText(c.name);
    m_type->setText(Labels::label(CodeDomain::CustomerType, c.type));
    m_tier->setText(c.tier.isEmpty() ? QString() : Labels::label(CodeDomain::Tier, c.tier));
    m_tier->setStyleSheet(tierStyle(c.tier));
    m_tier->setVisible(!c.tier.isEmpty());
    m_status->setText(Labels::label(CodeDomain::CustomerStatus, c.status));
    m_status->setVisible(c.status != QLatin1String("active"));

    m_number->setText(c.primaryMsisdn.isEmpty() ? tr("none on record") : Masking::msisdn(c.primaryMsisdn));
    m_revealNumber->setVisible(!c.primaryMsisdn.isEmpty() && m_session.can(Permission::RevealMsisdn));
    m_account->setText(c.accountNo);
    m_idNumber->setText(c.idNumber.isEmpty() ? tr("none on record") : Masking::idNumber(c.idNumber));
    m_revealId->setVisible(!c.idNumber.isEmpty() && m_session.can(Permission::RevealIdNumber));
    m_segment->setText(c.segment.isEmpty() ? tr("not set") : Labels::label(CodeDomain::Segment, c.segment));

    if (c.tenureStart.isValid()) {
        const double years = double(c.tenureStart.daysTo(QDate::currentDate())) / 365.25;
        //: Tenure of the customer; %1 is a number of years with one decimal, %2 the start date
        m_tenure->setText(tr("%1 years (since %2)")
                              .arg(QLocale().toString(std::max(0.0, years), 'f', 1), DisplayFormat::date(c.tenureStart)));
    } else {
        m_tenure->setText(tr("unknown"));
    }

    const bool chinese = QLocale().language() == QLocale::Chinese;
    QString region = chinese || view.regionNameEn.isEmpty() ? view.regionName : view.regionNameEn;
    if (region.isEmpty())
        region = c.city;
    m_region->setText(region.isEmpty() ? tr("unknown") : region);
    m_manager->setText(view.accountManagerName.isEmpty() ? tr("none") : view.accountManagerName);

    while (QLayoutItem* item = m_tagLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QString& tag : c.tags) {
        const QString code = tag.trimmed();
        const bool warning = isWarningTag(code);
        auto* chip = makeChip(Labels::label(CodeDomain::Tag, code), tagStyle(warning), m_tagBox);
        chip->setObjectName(QStringLiteral("tagChip"));
        chip->setProperty("warning", warning);
        m_tagLayout->addWidget(chip);
    }
    m_tagBox->setVisible(!c.tags.isEmpty());

    if (!c.parentId.isEmpty() && !view.group.id.isEmpty()) {
        const QString role = c.memberRole.isEmpty() ? QString() : Labels::label(CodeDomain::MemberRole, c.memberRole);
        const QString link = QStringLiteral("<a href=\"%1\">%2</a>").arg(view.group.id, view.group.name.toHtmlEscaped());
        const QString kind = Labels::label(CodeDomain::CustomerType, view.group.type);
        m_group->setText(role.isEmpty()
                             //: %1 is the kind of group (household / enterprise), %2 a link with its name
                             ? tr("Member of %1 %2").arg(kind.toHtmlEscaped(), link)
                             //: %1 kind of group, %2 link with its name, %3 the member's role in it
                             : tr("Member of %1 %2 as %3").arg(kind.toHtmlEscaped(), link, role.toHtmlEscaped()));
        m_group->show();
    } else {
        m_group->clear();
        m_group->hide();
    }

    if (!duplicates.isEmpty()) {
        QStringList links;
        for (const RecordLink& d : duplicates)
            links << QStringLiteral("<a href=\"%1\">%2</a>").arg(d.customerId, d.text.toHtmlEscaped());
        const int more = int(view.possibleDuplicates.size()) - int(duplicates.size());
        QString text = tr("⚠ Possible duplicate records: %1").arg(links.join(QStringLiteral(", ")));
        if (more > 0)
            text += QLatin1Char(' ') + tr("and %n more", nullptr, more);
        m_duplicates->setText(text);
        m_duplicates->setToolTip(tr("Other records share this customer's ID number or phone number. "
                                    "Click one to open it."));
        m_duplicates->show();
    } else {
        m_duplicates->clear();
        m_duplicates->hide();
    }
}

void CustomerHeader::revealNumber()
{
    RevealService reveal(m_store, m_session);
    const Result<QString> value = reveal.revealMsisdn(m_customerId);
    if (!value) {
        showRevealError(value.errorMessage());
        return;
    }
    m_number->setText(DisplayFormat::phoneNumber(value.value()));
    m_revealNumber->hide();
}

void CustomerHeader::revealId()
{
    RevealService reveal(m_store, m_session);
    const Result<QString> value = reveal.revealIdNumber(m_customerId);
    if (!value) {
        showRevealError(value.errorMessage());
        return;
    }
    m_idNumber->setText(value.value());
    m_revealId->hide();
}

void CustomerHeader::showRevealError(const QString& message)
{
    m_revealError->setText(message);
    m_revealError->show();
}

QString CustomerHeader::nameText() const
{
    return m_name->text();
}

QString CustomerHeader::numberText() const
{
    return m_number->text();
}

QString CustomerHeader::idNumberText() const
{
    return m_idNumber->text();
}

QString CustomerHeader::riskText() const
{
    return m_risk->text();
}

QString CustomerHeader::riskToolTip() const
{
    return m_risk->toolTip();
}

QString CustomerHeader::riskBand() const
{
    return m_risk->property("band").toString();
}

void CustomerHeader::setRisk(const std::optional<CustomerScore>& score, const RetentionConfig& config)
{
    if (!score) {
        m_risk->setText(tr("Risk: not scored yet"));
        m_risk->setStyleSheet(ChipStyle::riskBand(QString()));
        m_risk->setToolTip(tr("Churn-risk scoring has not run on this desktop yet, so there is no score to show."));
        m_risk->setProperty("band", QString());
        return;
    }
    //: Churn-risk badge in the customer header; %1 band (High/Medium/Low), %2 probability ("72 %")
    m_risk->setText(tr("Risk: %1 · %2").arg(RetentionFormat::band(score->band), RetentionFormat::percent(score->probability)));
    m_risk->setStyleSheet(ChipStyle::riskBand(score->band));
    m_risk->setProperty("band", score->band);

    QStringList lines;
    //: First line of the risk badge's tooltip; %1 probability ("72 %"), %2 band
    lines << tr("Churn probability %1 (%2 risk)").arg(RetentionFormat::percent(score->probability),
                                                      RetentionFormat::band(score->band));
    const QStringList reasons = RetentionFormat::reasons(score->reasons, config, ScoringEngine::kTopReasons);
    if (!reasons.isEmpty()) {
        lines << tr("Why:");
        for (const QString& reason : reasons)
            lines << tr("• %1").arg(reason);
    }
    if (score->scoredAtMs > 0)
        //: Last line of the risk badge's tooltip; %1 date and time
        lines << tr("Scored %1").arg(DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(score->scoredAtMs, Qt::UTC)));
    m_risk->setToolTip(lines.join(QLatin1Char('\n')));
}

QString CustomerHeader::duplicatesText() const
{
    return m_duplicates->isVisible() || !m_duplicates->text().isEmpty() ? m_duplicates->text() : QString();
}

QStringList CustomerHeader::tagTexts() const
{
    QStringList out;
    for (int i = 0; i < m_tagLayout->count(); ++i) {
        if (auto* label = qobject_cast<QLabel*>(m_tagLayout->itemAt(i)->widget()))
            out << label->text();
    }
    return out;
}

} // namespace telcodesk
