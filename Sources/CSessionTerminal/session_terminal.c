#define _GNU_SOURCE
#include "session_terminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

pid_t folio_spawn_in_terminal(const char *path, char *const argv[], char *const envp[],
                              unsigned short rows, unsigned short cols, int *controller) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    char name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    (void)ioctl(master, TIOCSWINSZ, &size);

    /* Everything the child needs is prepared before fork: it only calls
     * async-signal-safe functions, as a multithreaded parent requires. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0) {
        for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (setsid() < 0) _exit(126);
        int device = open(name, O_RDWR);
        if (device < 0) _exit(126);
        (void)ioctl(device, TIOCSCTTY, 0);
        if (dup2(device, 0) < 0 || dup2(device, 1) < 0 || dup2(device, 2) < 0) _exit(126);
        if (device > 2) close(device);
        /* Nothing of the server's (sockets, other visitors' terminals) reaches the child. */
        if (close_range(3, ~0U, 0) != 0) {
            long max = sysconf(_SC_OPEN_MAX);
            if (max < 0 || max > 65536) max = 65536;
            for (int fd = 3; fd < max; fd++) close(fd);
        }
        execve(path, argv, envp);
        _exit(127);
    }
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (pid < 0) {
        close(master);
        errno = saved;
        return -1;
    }
    int flags = fcntl(master, F_GETFL);
    if (flags >= 0) (void)fcntl(master, F_SETFL, flags | O_NONBLOCK);
    *controller = master;
    return pid;
}

int folio_terminal_resize(int controller, unsigned short rows, unsigned short cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    return ioctl(controller, TIOCSWINSZ, &size);
}

int folio_wait_child(pid_t pid) {
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, 0);
        if (done == pid) return status;
        if (done < 0 && errno == EINTR) continue;
        return -1;
    }
}

int folio_status_exited(int status) { return WIFEXITED(status); }
int folio_status_exit_code(int status) { return WEXITSTATUS(status); }
int folio_status_signal(int status) { return WIFSIGNALED(status) ? WTERMSIG(status) : 0; }
