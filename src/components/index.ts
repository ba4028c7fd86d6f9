/**
 * `authmail/components`: the brand components the shipped templates are made of, for a project's
 * own templates. Also the React Email primitives they use, so a template imports only from
 * `authmail/components`, `authmail` and React: under pnpm a project cannot import packages it did
 * not install itself.
 */
export { Layout } from './layout.tsx';
export { Header } from './header.tsx';
export { Footer } from './footer.tsx';
export { Title, Paragraph } from './typography.tsx';
export { CodeBox } from './code-box.tsx';
export { Button, buttonVariants, type ButtonProps, type ButtonVariant } from './button.tsx';
export { Link } from './link.tsx';
export { CodeEmail, introFor } from './code-email.tsx';

export { Body } from '@react-email/body';
export { Container } from '@react-email/container';
export { Head } from '@react-email/head';
export { Heading } from '@react-email/heading';
export { Html } from '@react-email/html';
export { Img } from '@react-email/img';
export { Preview } from '@react-email/preview';
export { Section } from '@react-email/section';
export { Text } from '@react-email/text';
