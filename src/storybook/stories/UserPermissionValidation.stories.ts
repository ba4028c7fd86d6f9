// A path for authmail's Vite plugin, which serves the project's UserPermissionValidation stories in its place (see ../stories.ts).
export default { title: 'authmail/UserPermissionValidation', tags: ['!dev', '!test'] };
