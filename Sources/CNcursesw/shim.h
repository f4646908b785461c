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
#include <stdlib.h>
#include <stdio.h>
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
/* newterm on the process's own standard streams (stdin and stdout are shared mutable state to Swift 6). */
static inline SCREEN *momentum_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline void momentum_flush_stdout(void) { fflush(stdout); }
static inline int momentum_is_utf8_locale(void) { return MB_CUR_MAX > 1; }

/* Mouse masks are expression macros Swift cannot import. */
static inline mmask_t momentum_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t momentum_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t momentum_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t momentum_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t momentum_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t momentum_button5_pressed(void) { return 0; }
#endif

/* setcchar with an int colour pair, for terminals with more than 32767 pairs. */
static inline int momentum_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, (short)(pair < 32767 ? pair : 0), pair < 32767 ? NULL : (void *)&pair);
}

#endif
