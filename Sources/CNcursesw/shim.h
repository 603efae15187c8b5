#ifndef FOLIO_CNCURSESW_SHIM_H
#define FOLIO_CNCURSESW_SHIM_H

/* Wide-character ncurses. Everything Swift cannot import (function-like macros) or
 * that Swift 6 rejects (mutable C globals such as stdscr, LINES, COLS, COLORS, cur_term)
 * is wrapped here in a static inline function. Nothing in this header keeps state. */
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The column count libc (and therefore curses) gives a character in the current
 * locale. Declared here because glibc hides it without _XOPEN_SOURCE. */
extern int wcwidth(wchar_t c);
static inline int folio_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/* Globals. */
static inline WINDOW *folio_stdscr(void) { return stdscr; }
static inline WINDOW *folio_curscr(void) { return curscr; }
static inline int folio_lines(void) { return LINES; }
static inline int folio_cols(void) { return COLS; }
static inline int folio_colors(void) { return COLORS; }
static inline int folio_color_pairs(void) { return COLOR_PAIRS; }
static inline int folio_ccharw_max(void) { return CCHARW_MAX; }

/* Attribute macros. */
static inline attr_t folio_a_normal(void) { return A_NORMAL; }
static inline attr_t folio_a_bold(void) { return A_BOLD; }
static inline attr_t folio_a_reverse(void) { return A_REVERSE; }
static inline attr_t folio_a_underline(void) { return A_UNDERLINE; }
static inline attr_t folio_a_dim(void) { return A_DIM; }
static inline attr_t folio_a_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t folio_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline int folio_pair_number(attr_t attrs) { return (int)PAIR_NUMBER(attrs); }

/* Other function-like macros. */
static inline void folio_getmaxyx(WINDOW *win, int *height, int *width) {
    int y, x;
    getmaxyx(win, y, x);
    *height = y;
    *width = x;
}
static inline int folio_key_f(int n) { return KEY_F(n); }

/* Writes one cell: `text` is a NUL-terminated UTF-32 string (one spacing character
 * followed by at most CCHARW_MAX - 1 non-spacing ones). */
static inline int folio_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

/* Reads one cell back: fills `text` (room for CCHARW_MAX + 1 wchar_t), its attributes
 * and colour pair. Returns the number of wide characters, or -1. */
static inline int folio_read_cell(WINDOW *win, int y, int x, wchar_t *text, attr_t *attrs, short *pair) {
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    if (mvwin_wch(win, y, x, &cell) == ERR) return -1;
    if (getcchar(&cell, text, attrs, pair, NULL) == ERR) return -1;
    return (int)wcslen(text);
}

/* Probes a terminfo entry without writing anything: 1 usable (has cursor addressing),
 * 0 entry missing or generic (setupterm refused it), -1 no cursor addressing,
 * -2 terminfo database not found. The current terminal is left untouched. */
static inline int folio_probe_terminal(const char *name, int fd) {
    TERMINAL *saved = cur_term;
    int status = 0;
    if (setupterm((char *)name, fd, &status) != OK) {
        if (cur_term != saved) { TERMINAL *probe = cur_term; set_curterm(saved); if (probe) del_curterm(probe); }
        return status == -1 ? -2 : 0;
    }
    const char *cup = tigetstr((char *)"cup");
    int usable = cup != NULL && cup != (char *)-1;
    TERMINAL *probe = cur_term;
    set_curterm(saved);
    del_curterm(probe);
    return usable ? 1 : -1;
}

/* sigaction without SA_RESTART, so a signal interrupts the blocking key read. */
static inline int folio_install_signal_handler(int signum, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(signum, &action, NULL);
}
static inline int folio_reset_signal_handler(int signum) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signum, &action, NULL);
}
static inline int folio_signal_is_default(int signum) {
    struct sigaction current;
    if (sigaction(signum, NULL, &current) != 0) return 0;
    return current.sa_handler == SIG_DFL;
}

/* Stops the process group the way a shell expects for Ctrl-Z (which raw mode delivers
 * as a key): default SIGTSTP action, then back to whatever handler was there (ncurses's
 * own, usually) once SIGCONT resumes us. */
static inline void folio_stop_process_group(void) {
    struct sigaction fallback, previous;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGTSTP, &fallback, &previous);
    sigset_t stop, saved;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &stop, &saved);
    kill(0, SIGTSTP);
    sigprocmask(SIG_SETMASK, &saved, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}

/* Pseudo-terminals (for the SSH server's sessions and headless tests). Declared here
 * because glibc hides them without _XOPEN_SOURCE. */
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
#ifdef __linux__
extern int ptsname_r(int fd, char *buf, size_t buflen);
#endif

static inline int folio_get_window_size(int fd, int *height, int *width) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *height = ws.ws_row;
    *width = ws.ws_col;
    return 0;
}

static inline int folio_set_pty_size(int fd, unsigned short height, unsigned short width) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = height;
    ws.ws_col = width;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

/* Opens a pty pair: `controller` is the emulator's side, `device` the terminal's. */
static inline int folio_open_pty(int *controller, int *device, unsigned short height, unsigned short width) {
    int controller_fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (controller_fd < 0) return -1;
    char path[256];
    if (grantpt(controller_fd) != 0 || unlockpt(controller_fd) != 0) { close(controller_fd); return -1; }
#ifdef __linux__
    if (ptsname_r(controller_fd, path, sizeof path) != 0) { close(controller_fd); return -1; }
#else
    const char *found = ptsname(controller_fd);
    if (found == NULL) { close(controller_fd); return -1; }
    strncpy(path, found, sizeof path - 1);
    path[sizeof path - 1] = 0;
#endif
    int device_fd = open(path, O_RDWR | O_NOCTTY);
    if (device_fd < 0) { close(controller_fd); return -1; }
    folio_set_pty_size(controller_fd, height, width);
    *controller = controller_fd;
    *device = device_fd;
    return 0;
}

#endif
