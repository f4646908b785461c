#ifndef MOMENTUM_CNCURSESW_SHIM_H
#define MOMENTUM_CNCURSESW_SHIM_H

/* SwiftPM drops the -D flags pkg-config gives for ncursesw: define them here,
   or get_wch, wcwidth and the cchar_t functions are not declared. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#error "ncursesw headers not found: install the Debian package libncursesw5-dev (make deps)"
#endif

/* Swift 6 rejects the global mutable state ncurses exposes; read it through functions. */
static inline WINDOW *momentum_stdscr(void) { return stdscr; }
static inline int momentum_cols(void) { return COLS; }
static inline int momentum_lines(void) { return LINES; }
static inline int momentum_colors(void) { return COLORS; }
static inline int momentum_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t momentum_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t momentum_a_bold(void) { return A_BOLD; }
static inline attr_t momentum_a_reverse(void) { return A_REVERSE; }
static inline attr_t momentum_a_underline(void) { return A_UNDERLINE; }
static inline attr_t momentum_a_dim(void) { return A_DIM; }
static inline attr_t momentum_a_italic(void) { return A_ITALIC; }
static inline attr_t momentum_a_normal(void) { return A_NORMAL; }
static inline int momentum_key_f(int n) { return KEY_F(n); }
static inline int momentum_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
