// The load generator's seam to Linux: epoll and timerfd, which Swift's Glibc module does
// not export. Wrappers by what the generator does, with plain integer arguments (the
// kernel's epoll_event is a packed struct, awkward from Swift).
#pragma once
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

enum { LOAD_READABLE = EPOLLIN, LOAD_WRITABLE = EPOLLOUT, LOAD_BROKEN = EPOLLERR | EPOLLHUP };

static inline int load_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static inline int load_epoll_watch(int epoll, int fd, uint32_t events, uint64_t tag, int modify) {
    struct epoll_event event = { .events = events, .data = { .u64 = tag } };
    return epoll_ctl(epoll, modify ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
}

/// Waits up to `timeout_ms`; fills `tags` and `events` with up to `max` ready descriptors.
static inline int load_epoll_wait(int epoll, uint64_t *tags, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event ready[1024];
    if (max > 1024) max = 1024;
    int n = epoll_wait(epoll, ready, max, timeout_ms);
    for (int i = 0; i < n; i++) { tags[i] = ready[i].data.u64; events[i] = ready[i].events; }
    return n;
}

static inline int load_timer_create(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC); }

/// Arms the timer for an absolute CLOCK_MONOTONIC instant, in nanoseconds.
static inline int load_timer_arm(int timer, uint64_t instant_ns) {
    struct itimerspec spec = { 0 };
    spec.it_value.tv_sec = (time_t)(instant_ns / 1000000000u);
    spec.it_value.tv_nsec = (long)(instant_ns % 1000000000u);
    return timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, 0);
}
