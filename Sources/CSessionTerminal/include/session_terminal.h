#ifndef FOLIO_SESSION_TERMINAL_H
#define FOLIO_SESSION_TERMINAL_H

#include <sys/types.h>

/* Starts `path` with `argv`/`envp` in a new pseudo-terminal of `rows`×`cols`: the child
 * leads a session of its own, the terminal is its controlling terminal (so SIGHUP and
 * SIGWINCH reach it) and its standard input, output and error. Returns the child's pid
 * and the controller side (non-blocking, close-on-exec) in *controller; -1 and errno on
 * failure. Between fork and exec the child calls only async-signal-safe functions. */
pid_t folio_spawn_in_terminal(const char *path, char *const argv[], char *const envp[],
                              unsigned short rows, unsigned short cols, int *controller);

/* Sets the terminal's window size; the kernel sends SIGWINCH to its foreground group. */
int folio_terminal_resize(int controller, unsigned short rows, unsigned short cols);

/* waitpid for `pid`, retried on EINTR. Returns the raw status (WIFEXITED…) or -1. */
int folio_wait_child(pid_t pid);

/* Decoders for the raw status, which are macros in C. */
int folio_status_exited(int status);
int folio_status_exit_code(int status);
int folio_status_signal(int status);

#endif
