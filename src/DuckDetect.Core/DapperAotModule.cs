// Every Dapper call of the library has its parameter binding and row reading written at build time, so that no
// call needs code generated at run time (which a natively compiled tool cannot do).
[module: Dapper.DapperAot]
