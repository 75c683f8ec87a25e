// libedit for Swift (Debian: libedit-dev). The readline-compatible API is
// exported as is; the native API's el_set/history are variadic, which Swift
// cannot call, so each use sgsh makes of them has a fixed-argument wrapper.
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>

static inline int sgsh_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}
static inline int sgsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int sgsh_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int sgsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int sgsh_el_add_function(
    EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}
static inline int sgsh_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// `bind -a`: the alternate keymap (vi command mode).
static inline int sgsh_el_bind_alternate(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, "-a", key, function, NULL);
}
/// `setty -d FLAG`: a terminal mode flag while editing (e.g. "-isig" so ^C is a key).
static inline int sgsh_el_setty_edit(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}

static inline int sgsh_history_setsize(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}
static inline int sgsh_history_setunique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}
static inline int sgsh_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}
static inline int sgsh_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}
static inline int sgsh_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}
/// One step of a walk through the history (H_LAST, then H_PREV: oldest to newest);
/// the entry's text, or NULL when the walk is over.
static inline const char *sgsh_history_step(History *h, int operation) {
    HistEvent event;
    if (history(h, &event, operation) == -1) return NULL;
    return event.str;
}

// The C standard streams, which Swift 6 will not read as globals.
static inline FILE *sgsh_stdin(void) { return stdin; }
static inline FILE *sgsh_stdout(void) { return stdout; }
static inline FILE *sgsh_stderr(void) { return stderr; }
