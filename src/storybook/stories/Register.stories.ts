// A path for authmail's Vite plugin, which serves the project's Register stories in its place (see ../stories.ts).
export default { title: 'authmail/Register', tags: ['!dev', '!test'] };
