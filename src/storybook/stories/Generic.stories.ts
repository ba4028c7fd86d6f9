// A path for authmail's Vite plugin, which serves the project's Generic stories in its place (see ../stories.ts).
export default { title: 'authmail/Generic', tags: ['!dev', '!test'] };
