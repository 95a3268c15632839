// Open-loop HTTP load: POSTs at a fixed rate whatever the server's pace, over keep-alive
// connections, and measures each reply from the moment its request was *due* (not sent), so a
// server that falls behind shows it (no coordinated omission). Every body differs and carries
// "T":<send time, ns since the epoch> for the subscriber's send -> receipt latency.
//
//   openloop PORT RATE SECONDS CONNECTIONS TOKEN [PATH]
// prints one line: OPENLOOP due=N ok=N other=N errors=N late=N p50_us=N p99_us=N p999_us=N max_us=N
// (late: requests that found no free connection when due and waited for one).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int busy;
    uint64_t due_ns;
    char in[8192];
    size_t have;
} Conn;

static uint64_t now_ns(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: openloop PORT RATE SECONDS CONNECTIONS TOKEN [PATH]\n");
        return 2;
    }
    const int port = atoi(argv[1]);
    const double rate = atof(argv[2]);
    const double seconds = atof(argv[3]);
    const int nconn = atoi(argv[4]);
    const char *token = argv[5];
    const char *path = argc > 6 ? argv[6] : "/webhook";
    const uint64_t total = (uint64_t)(rate * seconds);
    const uint64_t interval = (uint64_t)(1e9 / rate);

    Conn *conns = calloc((size_t)nconn, sizeof(Conn));
    int ep = epoll_create1(0);
    for (int i = 0; i < nconn; ++i) {
        conns[i].fd = connect_to(port);
        if (conns[i].fd < 0) {
            fprintf(stderr, "openloop: cannot connect to %d\n", port);
            return 1;
        }
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
    }
    uint32_t *lat = malloc(sizeof(uint32_t) * (total + 1));
    uint64_t done = 0, ok = 0, other = 0, errors = 0, late = 0, sent = 0, seq = 0;
    const uint64_t start = now_ns(CLOCK_MONOTONIC) + 1000000;
    uint64_t waiting_due[65536];
    size_t wq_head = 0, wq_tail = 0; // requests due with no free connection, in order

    while (done + errors < total) {
        const uint64_t now = now_ns(CLOCK_MONOTONIC);
        // Every request now due goes out on a free connection, or waits in order for one.
        while (sent < total && start + sent * interval <= now) {
            if (wq_tail - wq_head < 65536)
                waiting_due[wq_tail++ & 65535] = start + sent * interval;
            else
                ++errors; // 65 536 behind: the server has stopped; counted, not queued
            ++sent;
        }
        for (int i = 0; i < nconn && wq_head != wq_tail; ++i) {
            Conn *c = &conns[i];
            if (c->busy || c->fd < 0)
                continue;
            c->due_ns = waiting_due[wq_head++ & 65535];
            if (now - c->due_ns > 1000000)
                ++late;
            char body[512], req[1024];
            int blen = snprintf(body, sizeof body,
                                "{\"Symbol\":\"BTCUSDT\",\"Exchange\":\"BINANCE\",\"Interval\":\"15m\","
                                "\"Action\":\"BuyMarket\",\"Prix\":43500.5,\"PourCent\":50,"
                                "\"UserID\":1,\"UserExchangeID\":13,\"Seq\":%llu,\"T\":%llu}",
                                (unsigned long long)++seq,
                                (unsigned long long)now_ns(CLOCK_REALTIME));
            int rlen = snprintf(req, sizeof req,
                                "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                                "X-Webhook-Token: %s\r\nContent-Length: %d\r\n\r\n%s",
                                path, token, blen, body);
            if (send(c->fd, req, (size_t)rlen, MSG_NOSIGNAL) != rlen) {
                ++errors;
                close(c->fd);
                c->fd = connect_to(port);
                if (c->fd >= 0) {
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
                }
                continue;
            }
            c->busy = 1;
            c->have = 0;
        }
        uint64_t next_due = sent < total ? start + sent * interval : now + 10000000;
        int timeout_ms = next_due > now ? (int)((next_due - now) / 1000000) : 0;
        struct epoll_event evs[64];
        int n = epoll_wait(ep, evs, 64, timeout_ms);
        for (int k = 0; k < n; ++k) {
            Conn *c = &conns[evs[k].data.u32];
            ssize_t r = recv(c->fd, c->in + c->have, sizeof c->in - c->have - 1, 0);
            if (r <= 0) {
                if (c->busy)
                    ++errors;
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                c->busy = 0;
                c->fd = connect_to(port);
                if (c->fd >= 0) {
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = evs[k].data.u32};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
                }
                continue;
            }
            c->have += (size_t)r;
            c->in[c->have] = 0;
            char *end = strstr(c->in, "\r\n\r\n");
            if (!end)
                continue;
            char *cl = strcasestr(c->in, "content-length:");
            size_t len = cl ? (size_t)atol(cl + 15) : 0;
            if (c->have < (size_t)(end + 4 - c->in) + len)
                continue;
            const uint64_t t = now_ns(CLOCK_MONOTONIC);
            lat[done++] = (uint32_t)((t - c->due_ns) / 1000);
            if (strncmp(c->in, "HTTP/1.1 200", 12) == 0)
                ++ok;
            else
                ++other;
            c->busy = 0;
            c->have = 0;
        }
    }
    qsort(lat, done, sizeof *lat, cmp);
#define PCT(p) (done ? lat[(size_t)((double)(done - 1) * (p))] : 0)
    printf("OPENLOOP due=%llu ok=%llu other=%llu errors=%llu late=%llu p50_us=%u p99_us=%u "
           "p999_us=%u max_us=%u\n",
           (unsigned long long)total, (unsigned long long)ok, (unsigned long long)other,
           (unsigned long long)errors, (unsigned long long)late, PCT(0.5), PCT(0.99), PCT(0.999),
           done ? lat[done - 1] : 0);
    return 0;
}
