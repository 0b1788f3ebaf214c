#ifndef OPTOUT_CSQLITE_SHIM_H
#define OPTOUT_CSQLITE_SHIM_H

#include <sqlite3.h>

/// sqlite3_db_config is variadic; Swift cannot call C variadic functions directly.
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

/// sqlite3_config is variadic too. Turns off SQLite's memory statistics, which take a global mutex on
/// every allocation; it must run before SQLite initialises (https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus).
static inline int csqlite_config_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
