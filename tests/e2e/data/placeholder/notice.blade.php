<p>Hallo {{ $customer->name }}, @if($late) leider @endif</p>
<p>Failure to pay {!! $invoice->total !!} by {{ $due }} will result in a fee.</p>
<p>Pay {{ $amount }} immediately. Preview: @{{ preview }}, thanks</p>
