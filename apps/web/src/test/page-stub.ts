import { defineComponent, h } from 'vue';
import PageHeader from '../components/PageHeader.vue';

/** A page with only its header (the route's title): for tests of the shell around pages. */
export default defineComponent({
  name: 'PageStub',
  render: () => h('section', { class: 'page', 'data-testid': 'page-stub' }, [h(PageHeader)]),
});
