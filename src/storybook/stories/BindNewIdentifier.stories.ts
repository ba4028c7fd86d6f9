// A path for authmail's Vite plugin, which serves the project's BindNewIdentifier stories in its place (see ../stories.ts).
export default { title: 'authmail/BindNewIdentifier', tags: ['!dev', '!test'] };
