import { Html } from '@elysiajs/html'
import { Layout, toHtml } from './layout'

/** The page of an unknown route, or of a benchmark or run that is not there. */
export function NotFoundPage(props: { message: string }): string {
  return toHtml(
    <Layout title="Not found · bench-plot" heading="Not found">
      <div class="notfound">
        <h2>404: nothing here</h2>
        <p>{Html.escapeHtml(props.message)}</p>
        <p>
          <a href="/">See every benchmark</a>
        </p>
      </div>
    </Layout>
  )
}

/** The page of any other error; the message is written for the user. */
export function ErrorPage(props: { status: number; message: string }): string {
  return toHtml(
    <Layout title="Error · bench-plot" heading="Error">
      <div class="notfound">
        <h2>{props.status}</h2>
        <p>{Html.escapeHtml(props.message)}</p>
      </div>
    </Layout>
  )
}
