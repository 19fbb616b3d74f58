#include "threading.h"

#include <QThread>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace segscope::threading {

namespace {

class DetailPool : public QThreadPool {
public:
    DetailPool() {
        setObjectName(u"segscope-detail"_s);
        setMaxThreadCount(QThread::idealThreadCount());
    }
};

// Destroyed at exit like Qt's global pool: waits for running tasks instead of killing them.
Q_GLOBAL_STATIC(DetailPool, s_detailPool)

} // namespace

QThreadPool *backgroundPool() {
    return QThreadPool::globalInstance();
}

QThreadPool *detailPool() {
    return s_detailPool();
}

} // namespace segscope::threading
