// A path for authmail's Vite plugin, which serves the project's OrganizationInvitation stories in its place (see ../stories.ts).
export default { title: 'authmail/OrganizationInvitation', tags: ['!dev', '!test'] };
