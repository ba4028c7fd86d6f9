// Imported first: the CLI runs React in production mode (bin/authmail.js), so the benchmarks do too.
process.env.NODE_ENV ??= 'production';
