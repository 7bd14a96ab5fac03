#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QDialog>

namespace telcodesk {

class KbArticleView;

/// One knowledge-base article in a window of its own, for places that are themselves a dialog (a new
/// ticket being written): the same view as the Knowledge base section, votes included.
class KbArticleDialog : public QDialog
{
    Q_OBJECT

public:
    KbArticleDialog(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                    QWidget* parent = nullptr);

    Status showArticle(const QString& articleId);
    KbArticleView* view() const { return m_view; }

private:
    KbArticleView* m_view = nullptr;
};

} // namespace telcodesk
