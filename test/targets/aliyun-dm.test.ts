import { target } from '../../src/targets/aliyun-dm.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, undefined);
