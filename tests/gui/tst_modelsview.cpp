#include "core/apiclient.h"
#include "core/modelcatalogloader.h"
#include "core/tokenmanager.h"
#include "gui/chatoptionsbar.h"
#include "gui/failureview.h"
#include "gui/modelstablemodel.h"
#include "gui/modelsview.h"
#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using gloo::gui::ModelsTableModel;
using gloo::gui::ModelsView;
using gloo::sandbox::SandboxThread;

namespace {

QStringList column(const QAbstractItemModel *model, int column)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

} // namespace

// The Models view loads the public catalog without a token, shows it in a
// sortable table, and feeds the chat's pickers with the models that chat.
class TestModelsView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void catalogLoadsWithoutATokenWhenShown();
    void tableSortsNumbersAsNumbers();
    void filterAndChatOnlyNarrowTheTable();
    void pickersOfferOnlyModelsThatChat();
    void failedLoadIsExplained();
    void failedReloadDropsTheOldList();
    void anotherEnvironmentIsAskedAgainAfterAFailure();
    void aVeryLongIdLeavesRoomForTheOtherColumns();

private:
    void showAndLoad();

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<gloo::TokenManager> m_tokens;
    std::unique_ptr<gloo::ApiClient> m_api;
    std::unique_ptr<gloo::ModelCatalogLoader> m_catalog;
    std::unique_ptr<ModelsView> m_view;
};

void TestModelsView::init()
{
    m_sandbox = std::make_unique<SandboxThread>();
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<gloo::TokenManager>(m_network.get());
    // No credentials at all: the catalog must not need them.
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_api = std::make_unique<gloo::ApiClient>(m_network.get(), m_tokens.get());
    m_catalog = std::make_unique<gloo::ModelCatalogLoader>(m_api.get());
    m_view = std::make_unique<ModelsView>(m_catalog.get());
    m_view->resize(1000, 500);
}

void TestModelsView::cleanup()
{
    m_view.reset();
    m_catalog.reset();
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestModelsView::showAndLoad()
{
    QVERIFY(!m_catalog->isLoading());
    m_view->show();
    QVERIFY(m_catalog->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(m_catalog->hasLoaded(), 10000);
}

void TestModelsView::catalogLoadsWithoutATokenWhenShown()
{
    showAndLoad();
    QCOMPARE(m_view->tableModel()->rowCount(), 6);
    QCOMPARE(m_view->statusText(), QStringLiteral("6 models, 5 usable for chat."));
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
    QVERIFY(!m_view->failureView()->isVisible());

    const QModelIndex mini = m_view->tableModel()->index(0, ModelsTableModel::Id);
    QCOMPARE(mini.data().toString(), QStringLiteral("gloo-openai-gpt-5-mini"));
    auto cell = [&](int column) {
        return mini.siblingAtColumn(column).data().toString();
    };
    QCOMPARE(cell(ModelsTableModel::Family), QStringLiteral("OpenAI"));
    QCOMPARE(cell(ModelsTableModel::Provider), QStringLiteral("openai"));
    QCOMPARE(cell(ModelsTableModel::ContextWindow), QLocale().toString(400000));
    QCOMPARE(cell(ModelsTableModel::InputPrice),
             QStringLiteral("$") + QLocale().toString(0.25, 'f', 3));
    QCOMPARE(cell(ModelsTableModel::OutputPrice),
             QStringLiteral("$") + QLocale().toString(2.0, 'f', 2));
}

void TestModelsView::tableSortsNumbersAsNumbers()
{
    showAndLoad();
    auto *table = m_view->findChild<QTableView *>(QStringLiteral("modelsTable"));
    table->sortByColumn(ModelsTableModel::ContextWindow, Qt::AscendingOrder);
    // 128 000 < 131 072 < 200 000 < 400 000 < 1 048 576, and the image model
    // without a context window last.
    QCOMPARE(column(m_view->sortedModel(), ModelsTableModel::Id),
             (QStringList{QStringLiteral("gloo-meta-llama-3.1-8b"),
                          QStringLiteral("gloo-openai-gpt-oss-120b"),
                          QStringLiteral("gloo-anthropic-claude-haiku-4.5"),
                          QStringLiteral("gloo-openai-gpt-5-mini"),
                          QStringLiteral("gloo-google-gemini-2.5-flash"),
                          QStringLiteral("gloo-openai-gpt-image-1")}));

    // Largest first, and still the image model last.
    table->sortByColumn(ModelsTableModel::ContextWindow, Qt::DescendingOrder);
    QCOMPARE(column(m_view->sortedModel(), ModelsTableModel::Id),
             (QStringList{QStringLiteral("gloo-google-gemini-2.5-flash"),
                          QStringLiteral("gloo-openai-gpt-5-mini"),
                          QStringLiteral("gloo-anthropic-claude-haiku-4.5"),
                          QStringLiteral("gloo-openai-gpt-oss-120b"),
                          QStringLiteral("gloo-meta-llama-3.1-8b"),
                          QStringLiteral("gloo-openai-gpt-image-1")}));

    table->sortByColumn(ModelsTableModel::OutputPrice, Qt::DescendingOrder);
    QCOMPARE(m_view->sortedModel()->index(0, ModelsTableModel::Id).data().toString(),
             QStringLiteral("gloo-openai-gpt-image-1"));
    QCOMPARE(m_view->sortedModel()->index(5, ModelsTableModel::Id).data().toString(),
             QStringLiteral("gloo-meta-llama-3.1-8b"));
}

void TestModelsView::filterAndChatOnlyNarrowTheTable()
{
    showAndLoad();
    auto *filter = m_view->findChild<QLineEdit *>(QStringLiteral("modelsFilterEdit"));
    QTest::keyClicks(filter, QStringLiteral("open s"));
    QCOMPARE(m_view->sortedModel()->rowCount(), 2);
    // The count says how many of the models are on show.
    QCOMPARE(m_view->statusText(), QStringLiteral("Showing 2 of 6 models."));
    filter->clear();
    QCOMPARE(m_view->sortedModel()->rowCount(), 6);
    QCOMPARE(m_view->statusText(), QStringLiteral("6 models, 5 usable for chat."));
    m_view->findChild<QCheckBox *>(QStringLiteral("chatOnlyCheck"))->setChecked(true);
    QCOMPARE(m_view->sortedModel()->rowCount(), 5);
    QVERIFY(!column(m_view->sortedModel(), ModelsTableModel::Id)
                 .contains(QStringLiteral("gloo-openai-gpt-image-1")));
}

void TestModelsView::pickersOfferOnlyModelsThatChat()
{
    gloo::gui::ChatOptionsBar options(m_catalog.get());
    options.setRouting({gloo::Routing::Mode::Model, QStringLiteral("gloo-openai-gpt-oss-120b")});
    QTRY_VERIFY_WITH_TIMEOUT(m_catalog->hasLoaded(), 10000);
    QCOMPARE(options.offeredModels(),
             (QStringList{QStringLiteral("gloo-openai-gpt-5-mini"),
                          QStringLiteral("gloo-anthropic-claude-haiku-4.5"),
                          QStringLiteral("gloo-google-gemini-2.5-flash"),
                          QStringLiteral("gloo-meta-llama-3.1-8b"),
                          QStringLiteral("gloo-openai-gpt-oss-120b")}));
    // The choice made before the list arrived is kept.
    QCOMPARE(options.options().routing.value, QStringLiteral("gloo-openai-gpt-oss-120b"));

    options.setRouting({gloo::Routing::Mode::Family, QStringLiteral("open source")});
    QCOMPARE(options.offeredFamilies(),
             (QStringList{QStringLiteral("OpenAI"), QStringLiteral("Anthropic"),
                          QStringLiteral("Google"), QStringLiteral("Open Source")}));
    // Chosen without regard to case, shown as the registry spells it.
    QCOMPARE(options.options().routing.value, QStringLiteral("Open Source"));
}

void TestModelsView::failedLoadIsExplained()
{
    m_sandbox->stop();
    m_view->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_catalog->isLoading(), 10000);
    QVERIFY(!m_catalog->hasLoaded());
    QVERIFY(m_view->failureView()->isVisible());
    QCOMPARE(m_view->failureView()->failure().kind, gloo::Failure::Kind::ConnectionRefused);
    QCOMPARE(m_view->statusText(), QStringLiteral("The catalog could not be loaded."));
    QCOMPARE(m_view->tableModel()->rowCount(), 0);
}

void TestModelsView::failedReloadDropsTheOldList()
{
    showAndLoad();
    QCOMPARE(m_view->tableModel()->rowCount(), 6);
    // The server goes away (or the environment changed to one that cannot be
    // reached): the old list is not left standing as if it were current.
    m_sandbox->stop();
    m_catalog->load();
    QTRY_VERIFY_WITH_TIMEOUT(!m_catalog->isLoading(), 10000);
    QVERIFY(m_view->failureView()->isVisible());
    QCOMPARE(m_view->tableModel()->rowCount(), 0);
    QCOMPARE(m_view->statusText(), QStringLiteral("The catalog could not be loaded."));
}

void TestModelsView::anotherEnvironmentIsAskedAgainAfterAFailure()
{
    m_sandbox->stop();
    m_view->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_catalog->isLoading(), 10000);
    QVERIFY(m_view->failureView()->isVisible());

    // That failure was the stopped server's; another one is asked at once.
    SandboxThread other;
    QVERIFY(other.start());
    m_tokens->setEnvironment(gloo::Environment::custom(other.baseUrl()));
    QTRY_VERIFY_WITH_TIMEOUT(m_catalog->hasLoaded(), 10000);
    QVERIFY(!m_view->failureView()->isVisible());
    QCOMPARE(m_view->tableModel()->rowCount(), 6);
}

void TestModelsView::aVeryLongIdLeavesRoomForTheOtherColumns()
{
    showAndLoad();
    QList<gloo::ModelInfo> models = m_view->tableModel()->models();
    models.first().id = QStringLiteral("gloo-").append(QString(3000, QLatin1Char('x')));
    m_view->tableModel()->setModels(models);
    auto *table = m_view->findChild<QTableView *>(QStringLiteral("modelsTable"));
    table->resizeColumnsToContents();
    QVERIFY(table->columnWidth(ModelsTableModel::Id) <= 360);
    QVERIFY(table->columnWidth(ModelsTableModel::Id) > 100);
    // The whole id is a hover away.
    const QModelIndex longId = m_view->tableModel()->index(0, ModelsTableModel::Id);
    QCOMPARE(longId.data(Qt::ToolTipRole).toString(), models.first().id);
}

QTEST_MAIN(TestModelsView)
#include "tst_modelsview.moc"
