// A path for authmail's Vite plugin, which serves the project's SignIn stories in its place (see ../stories.ts).
export default { title: 'authmail/SignIn', tags: ['!dev', '!test'] };
