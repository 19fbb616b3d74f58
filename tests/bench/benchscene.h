#pragma once
// What the bitmap and canvas benchmarks share: a realistic Segments bitmap (blobby instances
// over background, some ids above 2^16) and medians of wall and CPU time.
#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QImage>

#include <algorithm>
#include <vector>

namespace segscope::bench {

struct Scene {
    QByteArray png;
    wire::LabelAttributes label;
    wire::TaskAttributes task;
};

//! About `instances` objects with ids spread over the 24-bit range, on 12 categories: a few
//! large regions (road, buildings) and many small ones, like a street scene.
Scene makeScene(int width, int height, int instances, quint32 seed);
//! A photo-like image: gradients and noise, so drawing it is not a flat fill.
QImage makePhoto(int width, int height);

double processCpuMs();

// CPU time too: on a shared, loaded machine the wall clock also counts time spent descheduled.
inline double g_lastCpuMs = 0;

//! The median wall time of `runs` calls of f, in ms; the median CPU time goes to g_lastCpuMs.
template <class F> double medianMs(int runs, F &&f) {
    std::vector<double> times, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double cpu0 = processCpuMs();
        timer.start();
        f();
        times.push_back(timer.nsecsElapsed() / 1e6);
        cpu.push_back(processCpuMs() - cpu0);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    g_lastCpuMs = cpu[cpu.size() / 2];
    return times[times.size() / 2];
}

} // namespace segscope::bench
