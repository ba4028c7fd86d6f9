import { target } from '../../src/targets/mailjunky.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, 'type');
